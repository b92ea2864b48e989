package org.atrium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atrium.demo.DemoEvent;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The README's curl examples work when pasted in order on a fresh start: its {@code ```sh} blocks run in one bash
 * against the test server (the README's port replaced by the test port), where every curl must get a 2xx answer. The
 * token comes from the same {@code /dev/token} the README uses (built into dev and test mode only), and the demo event
 * is loaded first, as dev mode does, so that the README's rows do not get the first ids.
 */
@QuarkusTest
class ReadmeCurlTest {

    @Inject
    DemoEvent demo;

    @Inject
    Clock clock;

    private static final Pattern SH_BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```");
    private static final Pattern CURL = Pattern.compile("(?<![\\w/.-])curl\\s");

    @Test
    void everyCurlInTheReadmeSucceeds() throws Exception {
        // as in dev mode, the demo event's rows come first (under another slug: tests keep the demo's own free)
        demo.load(Fixtures.uniqueSlug("readme-demo"), clock);
        String readme = Files.readString(Path.of("README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = SH_BLOCK.matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertTrue(blocks.size() >= 2, "the README's sh blocks: " + blocks.size());
        String commands = String.join("\n", blocks);
        long curls = CURL.matcher(commands).results().count();
        assertTrue(commands.contains("localhost:8080"), "the README's examples name localhost:8080");

        Path log = Files.createTempFile("readme-curl", ".log");
        String script = """
                set -eo pipefail
                curl() {
                  printf 'curl\n' >> '%s'
                  command curl --fail-with-body --max-time 30 "$@" || { echo "README curl failed: curl $*" >&2; return 1; }
                }
                %s
                """.formatted(log, commands.replace("localhost:8080", "localhost:" + RestAssured.port));
        Process bash = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .start();
        bash.getOutputStream().close();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(120, TimeUnit.SECONDS), "the README's commands finished");
        assertEquals(0, bash.exitValue(), output);
        assertEquals(curls, Files.readAllLines(log).size(), "every curl ran:\n" + output);
        assertTrue(
                Pattern.compile("(?m)^session \\d+$").matcher(output).find(), "a session id was captured:\n" + output);
        Files.delete(log);
    }
}
