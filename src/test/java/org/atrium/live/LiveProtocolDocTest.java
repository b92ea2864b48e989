package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The protocol document and the hub agree: every documented type is handled or sent, and nothing else is. */
class LiveProtocolDocTest {

    static final Path DOC = Path.of("src/docs/live-protocol.md");

    static Set<String> typesIn(String section) throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("\n## " + section);
        assertTrue(start >= 0, "section " + section);
        int end = doc.indexOf("\n## ", start + 4);
        Matcher m = Pattern.compile("\n### `([a-z.-]+)`").matcher(doc.substring(start, end < 0 ? doc.length() : end));
        Set<String> types = new TreeSet<>();
        while (m.find()) {
            types.add(m.group(1));
        }
        return types;
    }

    @Test
    void everyDocumentedCommandIsHandledAndViceVersa() throws IOException {
        Set<String> handled = new TreeSet<>(LiveProtocol.SESSION_COMMANDS);
        handled.addAll(LiveProtocol.EVENT_COMMANDS);
        assertEquals(handled, typesIn("Commands: client → server"));
    }

    @Test
    void everyDocumentedEventIsSentAndViceVersa() throws IOException {
        assertEquals(new TreeSet<>(LiveProtocol.SERVER_FRAMES), typesIn("Events: server → client"));
    }

    /** Each server frame type is written somewhere in the live code besides the list itself. */
    @Test
    void everyServerFrameIsProducedByTheCode() throws IOException {
        StringBuilder code = new StringBuilder();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/atrium/live"))) {
            for (Path f : files.filter(p -> !p.endsWith("LiveProtocol.java")).toList()) {
                code.append(Files.readString(f));
            }
        }
        String protocol = Files.readString(Path.of("src/main/java/org/atrium/live/LiveProtocol.java"));
        String writers = protocol.substring(protocol.indexOf("private LiveProtocol()"));
        for (String type : LiveProtocol.SERVER_FRAMES) {
            String quoted = "\"" + type + "\"";
            String escaped = "\\\"type\\\":\\\"" + type + "\\\"";
            assertTrue(
                    code.indexOf(quoted) >= 0
                            || code.indexOf(escaped) >= 0
                            || writers.contains(quoted)
                            || writers.contains(escaped),
                    () -> type + " is never produced");
        }
    }

    /** Every dispatchable command has a case in the writer (so none falls through to message.unknown-type). */
    @Test
    void everyStoredCommandHasAUseCase() throws IOException {
        String store = Files.readString(Path.of("src/main/java/org/atrium/live/RoomStore.java"));
        Set<String> commands = new TreeSet<>(LiveProtocol.SESSION_COMMANDS);
        commands.addAll(LiveProtocol.EVENT_COMMANDS);
        commands.remove("ping");
        for (String type : commands) {
            assertTrue(store.contains("\"" + type + "\""), () -> type + " has no use case in RoomStore.dispatch");
        }
    }
}
