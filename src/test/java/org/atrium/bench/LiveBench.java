package org.atrium.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.atrium.EmbeddedDatabase;
import org.atrium.bench.LoadGenerator.PhaseResult;
import org.atrium.bench.LoadGenerator.Report;

/**
 * The live-room benchmark (issue 6), run by {@code ./mvnw -Pbench-live verify}: starts the packaged Atrium (prod profile,
 * an embedded PostgreSQL, tokens verified with a local public key) and the {@link BaselineRelay}, creates an event, a
 * session and the accounts with confirmed registrations, then for each N runs a {@link LoadGenerator} process against
 * each target and prints one table. Options ({@code -Dbench.args="..."}):
 *
 * <ul>
 *   <li>{@code --n=100,1000,5000,15000} connections per run; {@code --targets=baseline,atrium}
 *   <li>{@code --rate=50000} deliveries per second of the steady phase; {@code --seconds=10} per measured phase;
 *       {@code --warmup-seconds=10}
 *   <li>{@code --publishers=4} publishing connections (each its own account); {@code --frame-bytes=160}
 *   <li>{@code --server-jvm="-XX:+UseParallelGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch"} for both servers; {@code --profile} records JFR of Atrium
 *   <li>{@code --join-warmup=5000}: that many joins (then closed) before the measured ones, on every target
 *   <li>{@code --atrium=-Dkey=value,...} extra Atrium system properties
 *   <li>{@code --scenario=nodes}: one node against three on one database ({@link NodesBench}); {@code
 *       --scenario=polls}: the polls benchmark ({@link PollBench})
 *   <li>{@code --compression}: the generator's connections offer permessage-deflate, as browsers do
 *   <li>{@code --rejoin}: after the phases, two reconnect storms over the joined connections, each closed and reopened
 *       with {@code since}: with fresh tickets, then with the resume tickets their last joins sent (Atrium with
 *       tickets only; the relay sends none)
 *   <li>{@code --auth=ticket} each Atrium connection trades its token for a live ticket first ({@code POST
 *       /api/live/tickets}, then the upgrade with {@code ?ticket=}); {@code --auth=header} sends the token in the
 *       upgrade's Authorization header instead
 *   <li>{@code --url=http://127.0.0.1:8080 --jdbc-url=... --keys=file}: target a running Atrium instead (it must
 *       verify tokens with the public key in {@code file}, created on first use and printed)
 * </ul>
 */
public final class LiveBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Process> CHILDREN = new CopyOnWriteArrayList<>();

    /** A server under test. */
    record Target(String name, String host, int port, String path, long pid, Path databaseDirectory, boolean auth) {}

    record Row(String target, int n, Report report) {}

    public static void main(String... args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(LiveBench::stopChildren, "bench-cleanup"));
        Map<String, String> a = LoadGenerator.parse(args);
        int[] ns = Arrays.stream(a.getOrDefault("n", "100,1000,5000,15000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim()))
                .toArray();
        List<String> targets =
                List.of(a.getOrDefault("targets", "baseline,atrium").split(","));
        Path out = Path.of(a.getOrDefault("out", "target/bench-live"));
        Files.createDirectories(out);
        int maxN = Arrays.stream(ns).max().orElse(100);
        String serverJvm = a.getOrDefault("server-jvm", "-XX:+UseParallelGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch");
        String classpath = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        log("machine: %d cores, load average %s", Runtime.getRuntime().availableProcessors(), loadAverage());
        EmbeddedDatabase database = null;
        List<Target> started = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try {
            BenchTokens keys;
            Path keyFile =
                    Path.of(a.getOrDefault("keys", out.resolve("bench-keys").toString()));
            if (a.containsKey("url") && Files.exists(keyFile)) {
                List<String> lines = Files.readAllLines(keyFile);
                keys = BenchTokens.load(lines.get(0), lines.get(1));
            } else {
                keys = BenchTokens.generate();
                Files.writeString(keyFile, keys.privateKeyBase64() + "\n" + keys.publicKeyBase64() + "\n");
            }

            if (a.getOrDefault("scenario", "chat").equals("nodes")) {
                NodesBench.run(java, classpath, a, out, keys);
                System.exit(0);
            }
            if (targets.contains("baseline")) {
                int port = freePort();
                Process relay = start(
                        List.of(java, "-cp", classpath),
                        serverJvm,
                        List.of(BaselineRelay.class.getName(), "--port=" + port),
                        out.resolve("baseline.log"));
                waitForLine(out.resolve("baseline.log"), "BASELINE READY", relay, Duration.ofSeconds(60));
                started.add(new Target("baseline", "127.0.0.1", port, "/live/sessions/1", relay.pid(), null, false));
                log("baseline relay on port %d (pid %d)", port, relay.pid());
            }
            if (targets.contains("atrium")) {
                String jdbcUrl;
                String user = a.getOrDefault("jdbc-user", EmbeddedDatabase.USER);
                String password = a.getOrDefault("jdbc-password", EmbeddedDatabase.USER);
                Path dbDir = null;
                URI base;
                long pid;
                if (a.containsKey("url")) {
                    base = URI.create(a.get("url"));
                    jdbcUrl = a.get("jdbc-url");
                    pid = Long.parseLong(a.getOrDefault("server-pid", "-1"));
                    log(
                            "targeting %s; it must run with -Dquarkus.oidc.public-key=%s -Dquarkus.oidc.token.issuer=%s",
                            base, keys.publicKeyBase64(), BenchTokens.ISSUER);
                } else {
                    dbDir = Files.createTempDirectory("atrium-bench-pg");
                    database = EmbeddedDatabase.start(dbDir);
                    jdbcUrl = database.jdbcUrl();
                    int port = freePort();
                    base = URI.create("http://127.0.0.1:" + port);
                    List<String> props = new ArrayList<>(List.of(
                            "-Dquarkus.http.host=127.0.0.1",
                            "-Dquarkus.http.port=" + port,
                            "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                            "-Dquarkus.datasource.username=" + user,
                            "-Dquarkus.datasource.password=" + password,
                            "-Dquarkus.oidc.public-key=" + keys.publicKeyBase64(),
                            "-Dquarkus.oidc.token.issuer=" + BenchTokens.ISSUER,
                            "-Dquarkus.log.level=INFO"));
                    props.addAll(benchLimits());
                    if (a.containsKey("atrium")) {
                        props.addAll(List.of(a.get("atrium").split(",")));
                    }
                    if (a.containsKey("profile")) {
                        props.add("-XX:StartFlightRecording=filename="
                                + out.resolve("atrium.jfr").toAbsolutePath() + ",settings=profile,dumponexit=true");
                    }
                    Path jar = Path.of(a.getOrDefault("jar", "target/quarkus-app/quarkus-run.jar"));
                    if (!Files.exists(jar)) {
                        throw new IllegalStateException(
                                "No packaged Atrium at " + jar + ": run ./mvnw -Pbench-live verify");
                    }
                    List<String> command = new ArrayList<>(List.of(java));
                    command.addAll(props);
                    Process atrium =
                            start(command, serverJvm, List.of("-jar", jar.toString()), out.resolve("atrium.log"));
                    pid = atrium.pid();
                    waitForHttp(base.resolve("/q/health/ready"), atrium, Duration.ofSeconds(120));
                    log("Atrium on %s (pid %d), database %s", base, pid, jdbcUrl);
                }
                long sessionId = createRoom(jdbcUrl, user, password, maxN);
                started.add(new Target(
                        "atrium", base.getHost(), base.getPort(), "/live/sessions/" + sessionId, pid, dbDir, true));
            }

            Path tokens = out.resolve("tokens.txt");
            long t0 = System.nanoTime();
            Files.write(tokens, keys.tokens("bench-", maxN, Duration.ofHours(6).toSeconds()));
            log("signed %d tokens in %.1f s", maxN, (System.nanoTime() - t0) / 1e9);

            if (a.getOrDefault("scenario", "chat").equals("polls")) {
                Target atrium = started.stream()
                        .filter(t -> t.name().equals("atrium"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("--scenario=polls needs --targets=atrium"));
                String user = a.getOrDefault("jdbc-user", EmbeddedDatabase.USER);
                String password = a.getOrDefault("jdbc-password", EmbeddedDatabase.USER);
                String jdbcUrl = a.containsKey("url") ? a.get("jdbc-url") : database.jdbcUrl();
                PollBench.run(java, classpath, a, atrium, ns, tokens, out, jdbcUrl, user, password);
                ns = new int[0]; // the chat runs are not part of this scenario
            }
            for (int n : ns) {
                for (Target target : started) {
                    Report report = runGenerator(java, classpath, a, target, n, tokens, out);
                    rows.add(new Row(target.name(), n, report));
                    Thread.sleep(2000);
                }
            }
        } finally {
            stopChildren();
            if (database != null) {
                database.stop();
            }
        }
        if (rows.isEmpty() && a.getOrDefault("scenario", "chat").equals("polls")) {
            System.exit(0);
        }
        String table = table(rows, a);
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("results.md"), table);
        Files.writeString(
                out.resolve("results.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        log("written %s and %s", out.resolve("results.md"), out.resolve("results.json"));
        System.exit(0);
    }

    /** Limits that protect a real room from one account, raised so a few publishing accounts can drive the load. */
    static List<String> benchLimits() {
        return List.of("-Datrium.live.chat-per-minute=100000000", "-Datrium.bounds.chat-lines-per-account-per-room=0");
    }

    /** JVM options of every Java process the benchmark starts (quiet Netty on JDK 24+, the JBoss log manager). */
    static List<String> jvmBase() {
        List<String> options = new ArrayList<>(List.of("-Djava.util.logging.manager=org.jboss.logmanager.LogManager"));
        if (Runtime.version().feature() >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return options;
    }

    private static Report runGenerator(
            String java, String classpath, Map<String, String> a, Target target, int n, Path tokens, Path out)
            throws Exception {
        double seconds = Double.parseDouble(a.getOrDefault("seconds", "10"));
        // long enough for the JIT: a fresh server still compiles its join path for tens of seconds (C2 at 0.2-0.4 of
        // a core in a thread-level CPU trace), so both halves (a fixed rate, then as fast as it goes) run first
        double warmup = Double.parseDouble(a.getOrDefault("warmup-seconds", "10"));
        double rate = Double.parseDouble(a.getOrDefault("rate", "50000"));
        String phases = String.join(
                ",",
                "warmup:FIXED:" + Math.min(rate, 20_000) + ":" + warmup / 2 + ":false",
                "warmup-max:MAX:0:" + warmup / 2 + ":false",
                "steady:FIXED:" + rate + ":" + seconds + ":true",
                "max:MAX:0:" + seconds + ":true");
        List<String> args = new ArrayList<>(List.of(
                LoadGenerator.class.getName(),
                "--host=" + target.host(),
                "--port=" + target.port(),
                "--path=" + target.path(),
                "--connections=" + n,
                "--publishers=" + a.getOrDefault("publishers", "4"),
                "--frame-bytes=" + a.getOrDefault("frame-bytes", "160"),
                "--event-loops=" + a.getOrDefault("generator-loops", "2"),
                "--server-pid=" + target.pid(),
                "--idle-seconds=" + a.getOrDefault("idle-seconds", n >= 5000 ? "5" : "3"),
                "--window=" + a.getOrDefault("window", "20000"),
                "--concurrency=" + a.getOrDefault("concurrency", "64"),
                "--phases=" + phases));
        if (n > 10_000) {
            args.add("--local-addresses=127.0.0.1,127.0.0.2");
        }
        if (target.auth()) {
            args.add("--tokens=" + tokens.toAbsolutePath());
            if (!a.getOrDefault("auth", "ticket").equals("header")) {
                args.add("--ticket-path=/api/live/tickets");
            }
        }
        if (target.databaseDirectory() != null) {
            args.add("--db-dir=" + target.databaseDirectory());
        }
        log("--- %s, N=%d (load average %s)", target.name(), n, loadAverage());
        ProcessBuilder pb = new ProcessBuilder();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(Arrays.stream(a.getOrDefault("generator-jvm", "-XX:+UseParallelGC -Xmx1500m")
                        .trim()
                        .split("[\\s,]+"))
                .toList());
        command.addAll(jvmBase());
        command.add("-Dbench.histograms=" + out.resolve(target.name()).toAbsolutePath());
        // joins before the measured ones, closed again: a server that has run for a while has compiled its join path
        command.add("-Dbench.join-warmup=" + a.getOrDefault("join-warmup", "0"));
        // browsers offer permessage-deflate on every connection; the generator does not unless asked
        command.add("-Dbench.compression=" + a.containsKey("compression"));
        command.add("-Dbench.rejoin=" + (a.containsKey("rejoin") && target.auth()));
        Files.createDirectories(out.resolve(target.name()));
        command.addAll(List.of("-cp", classpath));
        command.addAll(args);
        pb.command(command).redirectErrorStream(true);
        Process generator = pb.start();
        CHILDREN.add(generator);
        Report report = null;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(generator.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    report = JSON.readValue(line.substring(7), Report.class);
                } else if (!line.isBlank()) {
                    System.out.println("  [" + target.name() + " " + n + "] " + line.trim());
                }
            }
        }
        generator.waitFor();
        CHILDREN.remove(generator);
        Files.writeString(
                out.resolve("run-" + target.name() + "-" + n + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        if (report == null) {
            throw new IllegalStateException("The generator for " + target.name() + " N=" + n + " gave no result");
        }
        return report;
    }

    /**
     * An event with one session and {@code accounts} confirmed registrations (bench-0..) with their accounts, written by
     * JDBC.
     */
    static long createRoom(String jdbcUrl, String user, String password, int accounts) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            String slug = "bench-" + Long.toString(System.currentTimeMillis(), 36);
            long eventId;
            try (PreparedStatement s = c.prepareStatement(
                    "insert into event (slug, title, time_zone, first_day, last_day, status, visibility, created_by,"
                            + " created_at, updated_at) values (?, 'Live benchmark', 'UTC', current_date - 1,"
                            + " current_date + 1, 'PUBLISHED', 'PUBLIC', 'bench-organiser', now(), now()) returning id")) {
                s.setString(1, slug);
                eventId = single(s.executeQuery());
            }
            try (PreparedStatement s = c.prepareStatement(
                    "insert into event_organiser (event_id, subject) values (?, 'bench-organiser')")) {
                s.setLong(1, eventId);
                s.executeUpdate();
            }
            long sessionId;
            try (PreparedStatement s = c.prepareStatement(
                    "insert into conference_session (event_id, title, type, starts_at, ends_at, created_at, updated_at)"
                            + " values (?, 'Keynote (benchmark)', 'KEYNOTE', now() - interval '10 minutes',"
                            + " now() + interval '6 hours', now(), now()) returning id")) {
                s.setLong(1, eventId);
                sessionId = single(s.executeQuery());
            }
            try (PreparedStatement s = c.prepareStatement(
                    "insert into registration (event_id, subject, display_name, email, state, created_at, updated_at)"
                            + " select ?, 'bench-' || g, 'Bench ' || g, 'bench-' || g || '@example.org', 'CONFIRMED',"
                            + " now(), now() from generate_series(0, ? - 1) g")) {
                s.setLong(1, eventId);
                s.setInt(2, accounts);
                s.executeUpdate();
            }
            // their accounts, as the app recorded them when they registered and opened its pages (the claims of
            // BenchTokens): a keynote's participants are known before they join, so a join does not create the row
            try (PreparedStatement s = c.prepareStatement(
                    "insert into account (issuer, subject, name, preferred_username, email, email_verified,"
                            + " first_seen_at, last_seen_at) select ?, 'bench-' || g, 'Bench ' || g, 'bench-' || g,"
                            + " null, false, now(), now() from generate_series(0, ? - 1) g on conflict do nothing")) {
                s.setString(1, BenchTokens.ISSUER);
                s.setInt(2, accounts);
                s.executeUpdate();
            }
            c.commit();
            log("event %s (id %d), session %d, %d confirmed registrations", slug, eventId, sessionId, accounts);
            return sessionId;
        }
    }

    private static long single(ResultSet rs) throws SQLException {
        try (rs) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------------------------------------------ output

    static String table(List<Row> rows, Map<String, String> a) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(
                Locale.ROOT,
                "Live-room benchmark, %s, %d cores, load average at end %s; args %s%n%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                a));
        t.append(
                "| target | N | joined/N in s | join CPU ms server/db/generator | KiB per idle conn (of it heap) | steady del/s | p50 | p90 | p99 | max (ms) | max del/s"
                        + " | p50 | p99 (ms) | ack p50/p99 steady (ms) | lost | dup | ooo | server cores steady/max | db cores max | generator cores max"
                        + " | other cores max | rejoin fresh; resume: done/N in s (CPU ms server/db/generator) |\n");
        t.append(
                "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|\n");
        rows.sort(Comparator.comparingInt(Row::n));
        for (Row row : rows) {
            Report r = row.report();
            PhaseResult steady = phase(r, "steady");
            PhaseResult max = phase(r, "max");
            long lost = 0;
            long dup = 0;
            long ooo = 0;
            for (PhaseResult p : r.phases()) {
                lost += p.lost();
                dup += p.duplicated();
                ooo += p.outOfOrder();
            }
            t.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d/%d in %.2f | %s/%s/%s | %.1f (%.1f) | %s | %s | %s | %s | %s | %s | %s | %s | %s/%s | %d | %d | %d | %s/%s | %s | %s | %s | %s |%n",
                    row.target(),
                    row.n(),
                    r.connect().snapshots(),
                    r.connect().attempted(),
                    r.connect().seconds(),
                    millis(r.connect().serverMsPerJoin()),
                    millis(r.connect().databaseMsPerJoin()),
                    millis(r.connect().generatorMsPerJoin()),
                    r.memory().kibPerConnection(),
                    r.memory().liveHeapKibPerConnection(),
                    steady == null ? "-" : String.format(Locale.ROOT, "%.0f", steady.deliveriesPerSecond()),
                    ms(steady, PhaseResult::p50Micros),
                    ms(steady, PhaseResult::p90Micros),
                    ms(steady, PhaseResult::p99Micros),
                    ms(steady, PhaseResult::maxMicros),
                    max == null ? "-" : String.format(Locale.ROOT, "%.0f", max.deliveriesPerSecond()),
                    ms(max, PhaseResult::p50Micros),
                    ms(max, PhaseResult::p99Micros),
                    ms(steady, PhaseResult::ackP50Micros),
                    ms(steady, PhaseResult::ackP99Micros),
                    lost,
                    dup,
                    ooo,
                    cores(steady == null ? -1 : steady.serverCores()),
                    cores(max == null ? -1 : max.serverCores()),
                    cores(max == null ? -1 : max.databaseCores()),
                    cores(max == null ? -1 : max.generatorCores()),
                    cores(max == null ? -1 : max.otherCores()),
                    rejoins(r)));
        }
        return t.toString();
    }

    private static String rejoins(Report r) {
        if (r.rejoins().isEmpty()) {
            return "-";
        }
        List<String> storms = new ArrayList<>();
        for (LoadGenerator.RejoinResult s : r.rejoins()) {
            storms.add(String.format(
                    Locale.ROOT,
                    "%d/%d in %.2f (%s/%s/%s)",
                    s.done(),
                    s.attempted(),
                    s.seconds(),
                    millis(s.serverMsPerRejoin()),
                    millis(s.databaseMsPerRejoin()),
                    millis(s.generatorMsPerRejoin())));
        }
        return String.join("; ", storms);
    }

    private static PhaseResult phase(Report r, String name) {
        return r.phases().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static String ms(PhaseResult p, java.util.function.ToLongFunction<PhaseResult> f) {
        return p == null ? "-" : String.format(Locale.ROOT, "%.1f", f.applyAsLong(p) / 1000.0);
    }

    private static String millis(double ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String cores(double c) {
        return c < 0 ? "-" : String.format(Locale.ROOT, "%.2f", c);
    }

    // --------------------------------------------------------------------------------------------------- processes

    static Process start(List<String> prefix, String jvm, List<String> rest, Path log) throws IOException {
        List<String> command = new ArrayList<>(prefix.subList(0, 1));
        command.addAll(Arrays.stream(jvm.trim().split("[\\s,]+"))
                .filter(s -> !s.isEmpty())
                .toList());
        command.addAll(jvmBase());
        command.addAll(prefix.subList(1, prefix.size()));
        command.addAll(rest);
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        CHILDREN.add(p);
        return p;
    }

    private static void stopChildren() {
        for (Process p : CHILDREN) {
            p.destroy();
        }
        for (Process p : CHILDREN) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        CHILDREN.clear();
    }

    private static void waitForLine(Path log, String text, Process p, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("Process ended before '" + text + "'; see " + log);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("No '" + text + "' in " + log);
    }

    private static void waitForHttp(URI uri, Process p, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Atrium ended at start; see target/bench-live/atrium.log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Atrium not ready at " + uri);
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    static String loadAverage() {
        try {
            return String.join(
                    " ",
                    Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "?";
        }
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private LiveBench() {}
}
