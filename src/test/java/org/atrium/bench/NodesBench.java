package org.atrium.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.atrium.EmbeddedDatabase;
import org.atrium.bench.LoadGenerator.PhaseResult;
import org.atrium.bench.LoadGenerator.Report;

/**
 * One node against three (issue 19), run by {@code ./mvnw -Pbench-live verify -Dbench.args="--scenario=nodes"}: the
 * same {@link LoadGenerator}, at the same fixed rate into one room, first against one packaged Atrium node, then
 * against three nodes on the same PostgreSQL (the first one and two more), with the connections spread round-robin so
 * that the publishers sit on different nodes. On a small machine the point is the overhead per delivery, not the
 * throughput: it prints delivery latency for same-node and cross-node deliveries, the CPU of all Atrium processes per
 * delivery, the database's CPU (its postmaster and backends) and the rate of cluster notifications the nodes sent
 * (their {@code atrium_cluster_notifications_sent_total}). Options ({@code -Dbench.args}): {@code --n=1500} connections,
 * {@code --rate=15000} deliveries per second, {@code --seconds=30} measured, {@code --warmup-seconds=20} at the same
 * rate before, {@code --publishers=3}, {@code --nodes=3}, {@code --server-jvm=...} for every node.
 */
final class NodesBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Row(String setup, int nodes, Report report, String loadAverage) {}

    static void run(String java, String classpath, Map<String, String> a, Path out, BenchTokens keys) throws Exception {
        int n = Integer.parseInt(a.getOrDefault("n", "1500").split(",")[0]);
        int count = Integer.parseInt(a.getOrDefault("nodes", "3"));
        String serverJvm = a.getOrDefault("server-jvm", "-XX:+UseParallelGC -Xms512m -Xmx512m -XX:+AlwaysPreTouch");
        Path dbDir = Files.createTempDirectory("atrium-bench-pg");
        EmbeddedDatabase database = EmbeddedDatabase.start(dbDir);
        String user = EmbeddedDatabase.USER;
        List<Integer> ports = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try {
            Path tokens = out.resolve("tokens.txt");
            Files.write(tokens, keys.tokens("bench-", n, Duration.ofHours(6).toSeconds()));
            startNodes(1, java, serverJvm, a, database.jdbcUrl(), keys, out, ports, pids);
            long room = LiveBench.createRoom(database.jdbcUrl(), user, user, n);
            rows.add(new Row("1 node", 1, generate(java, classpath, a, n, room, ports, pids, tokens, dbDir, out), ""));
            startNodes(count - 1, java, serverJvm, a, database.jdbcUrl(), keys, out, ports, pids);
            room = LiveBench.createRoom(database.jdbcUrl(), user, user, n);
            rows.add(new Row(
                    count + " nodes",
                    count,
                    generate(java, classpath, a, n, room, ports, pids, tokens, dbDir, out),
                    ""));
        } finally {
            // the nodes first, then their database
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    try {
                        p.onExit().get(20, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
            }
            database.stop();
        }
        String table = table(rows, a);
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("nodes-results.md"), table);
        Files.writeString(
                out.resolve("nodes-results.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        LiveBench.log("written %s", out.resolve("nodes-results.md"));
    }

    /** Starts {@code count} more nodes at once and waits until each is ready. */
    private static void startNodes(
            int count,
            String java,
            String serverJvm,
            Map<String, String> a,
            String jdbcUrl,
            BenchTokens keys,
            Path out,
            List<Integer> ports,
            List<Long> pids)
            throws Exception {
        Path jar = Path.of(a.getOrDefault("jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("No packaged Atrium at " + jar + ": run ./mvnw -Pbench-live verify");
        }
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int port;
            try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                    "-Dquarkus.datasource.username=" + EmbeddedDatabase.USER,
                    "-Dquarkus.datasource.password=" + EmbeddedDatabase.USER,
                    "-Dquarkus.oidc.public-key=" + keys.publicKeyBase64(),
                    "-Dquarkus.oidc.token.issuer=" + BenchTokens.ISSUER,
                    "-Dquarkus.log.level=INFO"));
            command.addAll(LiveBench.benchLimits());
            if (a.containsKey("atrium")) {
                command.addAll(List.of(a.get("atrium").split(",")));
            }
            started.add(LiveBench.start(
                    command, serverJvm, List.of("-jar", jar.toString()), out.resolve("node-" + ports.size() + ".log")));
            ports.add(port);
            pids.add(started.getLast().pid());
        }
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < count; i++) {
            int port = ports.get(ports.size() - count + i);
            Process p = started.get(i);
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a node ended at start; see " + out);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node on port " + port + " not ready");
                }
                try {
                    if (http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            LiveBench.log("node on port %d ready (pid %d)", port, p.pid());
        }
    }

    private static Report generate(
            String java,
            String classpath,
            Map<String, String> a,
            int n,
            long room,
            List<Integer> ports,
            List<Long> pids,
            Path tokens,
            Path dbDir,
            Path out)
            throws Exception {
        double rate = Double.parseDouble(a.getOrDefault("rate", "15000"));
        String phases = String.join(
                ",",
                "warmup:FIXED:" + rate + ":" + a.getOrDefault("warmup-seconds", "20") + ":false",
                "steady:FIXED:" + rate + ":" + a.getOrDefault("seconds", "30") + ":true");
        String setup = ports.size() == 1 ? "1-node" : ports.size() + "-nodes";
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseParallelGC", "-Xmx1g"));
        command.addAll(LiveBench.jvmBase());
        command.addAll(List.of(
                "-cp",
                classpath,
                LoadGenerator.class.getName(),
                "--host=127.0.0.1",
                "--port=" + ports.getFirst(),
                "--ports=" + join(ports),
                "--server-pids=" + join(pids),
                "--metrics="
                        + ports.stream()
                                .map(p -> "http://127.0.0.1:" + p + "/q/metrics")
                                .collect(Collectors.joining(",")),
                "--path=/live/sessions/" + room,
                "--connections=" + n,
                "--publishers=" + a.getOrDefault("publishers", "3"),
                "--frame-bytes=" + a.getOrDefault("frame-bytes", "160"),
                "--event-loops=" + a.getOrDefault("generator-loops", "2"),
                "--server-pid=-1", // no heap histograms: this is about CPU, not memory
                "--idle-seconds=1",
                "--concurrency=" + a.getOrDefault("concurrency", "32"),
                "--tokens=" + tokens.toAbsolutePath(),
                "--ticket-path=/api/live/tickets",
                "--db-dir=" + dbDir,
                "--phases=" + phases));
        LiveBench.log("--- %s, N=%d, %s deliveries/s (load average %s)", setup, n, rate, LiveBench.loadAverage());
        Process generator =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        Report report = null;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(generator.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    report = JSON.readValue(line.substring(7), Report.class);
                } else if (!line.isBlank()) {
                    System.out.println("  [" + setup + "] " + line.trim());
                }
            }
        }
        generator.waitFor();
        if (report == null) {
            throw new IllegalStateException("The generator for " + setup + " gave no result");
        }
        Files.writeString(
                out.resolve("run-" + setup + "-" + n + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        return report;
    }

    static String table(List<Row> rows, Map<String, String> a) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(
                Locale.ROOT,
                "Several nodes, %s, %d cores, load average at end %s; args %s%n%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                LiveBench.loadAverage(),
                a));
        t.append("| | ")
                .append(rows.stream().map(Row::setup).collect(Collectors.joining(" | ")))
                .append(" |\n|---|")
                .append("---:|".repeat(rows.size()))
                .append('\n');
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (Row row : rows) {
            PhaseResult s = row.report().phases().stream()
                    .filter(p -> p.name().equals("steady"))
                    .findFirst()
                    .orElse(null);
            Report r = row.report();
            add(
                    lines,
                    "connections joined",
                    r.connect().snapshots() + "/" + r.connect().attempted());
            if (s == null) {
                continue;
            }
            double deliveries = s.deliveriesPerSecond() * s.seconds();
            add(lines, "messages published (steady)", Long.toString(s.published()));
            add(
                    lines,
                    "deliveries/s (target)",
                    f("%.0f (%.0f)", s.deliveriesPerSecond(), s.targetDeliveriesPerSecond()));
            add(lines, "latency p50 / p99, all (ms)", f("%.1f / %.1f", s.p50Micros() / 1e3, s.p99Micros() / 1e3));
            add(
                    lines,
                    "same-node deliveries: count, p50 / p99 (ms)",
                    f(
                            "%d, %.1f / %.1f",
                            s.sameNodeDeliveries(), s.sameNodeP50Micros() / 1e3, s.sameNodeP99Micros() / 1e3));
            add(
                    lines,
                    "cross-node deliveries: count, p50 / p99 (ms)",
                    s.crossNodeDeliveries() == 0
                            ? "-"
                            : f(
                                    "%d, %.1f / %.1f",
                                    s.crossNodeDeliveries(),
                                    s.crossNodeP50Micros() / 1e3,
                                    s.crossNodeP99Micros() / 1e3));
            add(lines, "ack p50 / p99 (ms)", f("%.1f / %.1f", s.ackP50Micros() / 1e3, s.ackP99Micros() / 1e3));
            add(lines, "lost / dup / out of order", s.lost() + " / " + s.duplicated() + " / " + s.outOfOrder());
            add(lines, "Atrium CPU, all nodes (cores)", f("%.2f", s.serverCores()));
            add(lines, "Atrium CPU per delivery (µs)", f("%.1f", s.serverCores() * s.seconds() / deliveries * 1e6));
            add(lines, "database CPU (cores)", f("%.2f", s.databaseCores()));
            add(
                    lines,
                    "database CPU per message (µs)",
                    f("%.0f", s.databaseCores() * s.seconds() / Math.max(1, s.published()) * 1e6));
            add(
                    lines,
                    "notifications sent /s (all topics)",
                    s.notificationsSent() < 0 ? "-" : f("%.1f", s.notificationsSent() / s.seconds()));
            add(lines, "generator / other CPU (cores)", f("%.2f / %.2f", s.generatorCores(), s.otherCores()));
        }
        lines.forEach((name, values) -> t.append("| ")
                .append(name)
                .append(" | ")
                .append(String.join(" | ", values))
                .append(" |\n"));
        return t.toString();
    }

    private static void add(Map<String, List<String>> lines, String name, String value) {
        lines.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private NodesBench() {}
}
