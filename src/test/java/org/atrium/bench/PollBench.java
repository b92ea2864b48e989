package org.atrium.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The polls and reactions scenario of the live benchmark (issue 17): {@code ./mvnw -Pbench-live verify
 * -Dbench.args="--scenario=polls --targets=atrium --n=5000"}. For each N: an open single-choice poll (4 options, results
 * live) in the benchmark's room, a {@link PollLoadGenerator} run, then the database's own count of the votes, which must
 * equal N and the tally's sum (each vote counted exactly once).
 */
final class PollBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Row(
            int n,
            PollLoadGenerator.Result result,
            long storedVotes,
            long distinctVoters,
            long tallyVoters,
            String tally) {}

    static void run(
            String java,
            String classpath,
            Map<String, String> a,
            LiveBench.Target atrium,
            int[] ns,
            Path tokens,
            Path out,
            String jdbcUrl,
            String user,
            String password)
            throws Exception {
        long sessionId = Long.parseLong(atrium.path().substring(atrium.path().lastIndexOf('/') + 1));
        List<Row> rows = new ArrayList<>();
        for (int n : ns) {
            long poll = openPoll(jdbcUrl, user, password, sessionId);
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(Arrays.asList(a.getOrDefault("generator-jvm", "-XX:+UseParallelGC -Xmx1500m")
                    .trim()
                    .split("[\\s,]+")));
            command.addAll(LiveBench.jvmBase());
            command.addAll(List.of(
                    "-cp",
                    classpath,
                    PollLoadGenerator.class.getName(),
                    "--host=" + atrium.host(),
                    "--port=" + atrium.port(),
                    "--path=" + atrium.path(),
                    "--connections=" + n,
                    "--tokens=" + tokens.toAbsolutePath(),
                    "--poll=" + poll,
                    "--server-pid=" + atrium.pid(),
                    "--vote-seconds=" + a.getOrDefault("vote-seconds", "2"),
                    "--reaction-seconds=" + a.getOrDefault("reaction-seconds", "30"),
                    "--reactions-per-second=" + a.getOrDefault("reactions-per-second", "5"),
                    "--chat-seconds=" + a.getOrDefault("chat-seconds", "10"),
                    "--event-loops=" + a.getOrDefault("generator-loops", "2")));
            LiveBench.log("--- polls, N=%d (load average %s)", n, LiveBench.loadAverage());
            Process generator =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            PollLoadGenerator.Result result = null;
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(generator.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("RESULT ")) {
                        result = JSON.readValue(line.substring(7), PollLoadGenerator.Result.class);
                    } else if (!line.isBlank()) {
                        System.out.println("  [polls " + n + "] " + line.trim());
                    }
                }
            } finally {
                generator.destroy();
            }
            generator.waitFor();
            if (result == null) {
                throw new IllegalStateException("The poll generator for N=" + n + " gave no result");
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                    PreparedStatement s =
                            c.prepareStatement("select (select count(*) from live_poll_vote where poll_id = ?),"
                                    + " (select count(distinct voter) from live_poll_vote where poll_id = ?), voters,"
                                    + " cast(counts as text) from live_poll where id = ?")) {
                s.setLong(1, poll);
                s.setLong(2, poll);
                s.setLong(3, poll);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    rows.add(new Row(n, result, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
                }
            }
        }
        String table = table(rows);
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("polls-results.md"), table);
        Files.writeString(
                out.resolve("polls-results.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
    }

    /** A launched single-choice poll with four options, its results live (written straight to the database). */
    static long openPoll(String jdbcUrl, String user, String password, long sessionId) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement s = c.prepareStatement("insert into live_poll (event_id, room, session_id, kind,"
                        + " question, options, results, anonymous, changeable, state, launched_at, counts, created_by,"
                        + " created_at, updated_at) select event_id, 'session:' || id, id, 'SINGLE', 'Benchmark poll',"
                        + " '[\"A\",\"B\",\"C\",\"D\"]', 'LIVE', true, false, 'OPEN', now(), '[0,0,0,0]',"
                        + " 'bench-organiser', now(), now() from conference_session where id = ? returning id")) {
            s.setLong(1, sessionId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String table(List<Row> rows) {
        StringBuilder t = new StringBuilder();
        t.append("| N | joined | vote acks / errors | votes stored (distinct voters) | tally voters, counts |"
                + " final result at every member (s) | result frames per member per s | server cores (votes) |"
                + " chat p50/p99 idle (ms) | chat ack p50/p99 idle (ms) | reactions sent / refused / counted | reaction frames per member per s |"
                + " all frames per member per s | chat p50/p99 in the storm (ms) | chat ack p50/p99 in the storm (ms) |"
                + " server cores (storm) | generator cores (storm) | busy cores of the machine (storm) |\n");
        t.append("|---:|---:|---|---|---|---:|---:|---:|---|---|---|---:|---:|---|---|---:|---:|---:|\n");
        for (Row r : rows) {
            PollLoadGenerator.Result x = r.result();
            t.append(String.format(
                    "| %d | %d | %d / %d | %d (%d) | %d, %s | %.2f | %.2f | %.2f | %.1f / %.1f | %.1f / %.1f | %d / %d / %d |"
                            + " %.2f | %.2f | %.1f / %.1f | %.1f / %.1f | %.2f | %.2f | %.2f |%n",
                    r.n(),
                    x.joined(),
                    x.voteAcks(),
                    x.voteErrors(),
                    r.storedVotes(),
                    r.distinctVoters(),
                    r.tallyVoters(),
                    r.tally(),
                    x.secondsToFinalResult(),
                    x.resultFramesPerMemberPerSecond(),
                    x.serverCoresDuringVotes(),
                    x.idleChatP50Micros() / 1e3,
                    x.idleChatP99Micros() / 1e3,
                    x.idleAckP50Micros() / 1e3,
                    x.idleAckP99Micros() / 1e3,
                    x.reactionsSent(),
                    x.reactionsRefused(),
                    x.reactionsCountedByServer(),
                    x.reactionFramesPerMemberPerSecond(),
                    x.framesPerMemberPerSecondDuringReactions(),
                    x.stormChatP50Micros() / 1e3,
                    x.stormChatP99Micros() / 1e3,
                    x.stormAckP50Micros() / 1e3,
                    x.stormAckP99Micros() / 1e3,
                    x.serverCoresDuringReactions(),
                    x.generatorCoresDuringReactions(),
                    x.machineCoresDuringReactions()));
        }
        return t.toString();
    }

    private PollBench() {}
}
