package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /** What a client may send: every command declared in {@link LiveCommand} except the server's own. */
    static Set<String> clientCommands() {
        Set<String> declared = new TreeSet<>();
        for (LiveCommand c : LiveCommand.values()) {
            if (c.sender != LiveCommand.Sender.SERVER) {
                declared.add(c.wire);
            }
        }
        return declared;
    }

    /** Every declared command is documented, and every documented one declared. */
    @Test
    void everyDocumentedCommandIsHandledAndViceVersa() throws IOException {
        assertEquals(clientCommands(), typesIn("Commands: client → server"));
    }

    /**
     * Who may send each command and where, as the document says it: a section marked *moderator* for the session
     * room's moderator commands, "Event channel" for the event channel's (organisers, its moderators).
     */
    @Test
    void eachCommandIsDocumentedWithItsSenderAndChannel() throws IOException {
        String doc = Files.readString(DOC);
        for (LiveCommand c : LiveCommand.values()) {
            if (c.sender == LiveCommand.Sender.SERVER) {
                continue;
            }
            int start = doc.indexOf("\n### `" + c.wire + "`\n");
            String section = doc.substring(start + 1, doc.indexOf("\n### ", start + 1));
            String body = section.substring(section.indexOf('\n') + 1);
            boolean eventChannel = body.startsWith("Event channel");
            assertEquals(c.channels.equals(Set.of(Channel.EVENT)), eventChannel, () -> c.wire + ": channel");
            boolean moderator = body.startsWith("*moderator*") || eventChannel && body.contains("organisers");
            assertEquals(c.sender == LiveCommand.Sender.MODERATOR, moderator, () -> c.wire + ": who may send it");
        }
    }

    /** The commands only the server stores are not accepted from clients, and are documented as events. */
    @Test
    void serverCommandsAreEventsClientsCannotSend() throws IOException {
        Set<String> events = typesIn("Events: server → client");
        for (LiveCommand c : LiveCommand.values()) {
            if (c.sender == LiveCommand.Sender.SERVER) {
                assertNull(LiveCommand.fromClient(c.wire, Channel.SESSION), c.wire);
                assertNull(LiveCommand.fromClient(c.wire, Channel.EVENT), c.wire);
                assertNull(LiveCommand.fromClient(c.wire, Channel.WORK), c.wire);
                assertTrue(events.contains(c.wire), () -> c.wire + " is not documented as an event");
            }
        }
    }

    /** The paragraph that lists what a work's room accepts names exactly the commands declared for work rooms. */
    @Test
    void theWorkRoomsCommandsAreTheDeclaredOnes() throws IOException {
        String doc = Files.readString(DOC);
        String marker = "**Commands in a work's room**:";
        int start = doc.indexOf(marker);
        assertTrue(start >= 0, "the work room's commands are listed");
        int end = doc.indexOf("\n\n", start);
        Matcher m = Pattern.compile("`([a-z.-]+)`").matcher(doc.substring(start, end));
        Set<String> documented = new TreeSet<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> declared = new TreeSet<>();
        for (LiveCommand c : LiveCommand.values()) {
            if (c.sender != LiveCommand.Sender.SERVER && c.channels.contains(Channel.WORK)) {
                declared.add(c.wire);
            }
        }
        assertEquals(declared, documented);
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

    /** Every declared command that is stored has a use case (so none falls through to message.unknown-type). */
    @Test
    void everyStoredCommandHasAUseCase() {
        for (LiveCommand c : LiveCommand.values()) {
            if (c != LiveCommand.PING) {
                assertTrue(!c.immediate(), () -> c.wire + " has no use case");
            }
        }
        assertTrue(LiveCommand.PING.immediate(), "ping is answered at once, never stored");
    }
}
