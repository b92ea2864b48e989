package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The writer's duplicate-ref lookup must be served by the unique index (room, author, client_ref) on a log PostgreSQL
 * has never analyzed (a fresh database, before autovacuum's first ANALYZE), for one command and for a full batch,
 * with custom and with generic plans: an index probe per pair, never a scan of the room's log.
 */
@QuarkusTest
class LiveLogPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void duplicateRefLookupProbesTheUniqueIndexOnANeverAnalyzedLog() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                // a temporary copy (same columns, keys and indexes) shadows the real table for this connection only;
                // autovacuum never analyzes temporary tables, so it stays as a fresh database's log is
                st.execute("create temporary table live_log (like public.live_log including all) on commit drop");
                st.execute("insert into live_log (room, seq, type, payload, author, client_ref, created_at)"
                        + " select case when i % 5 = 0 then 'session-2' else 'session-1' end, i, 'chat.posted',"
                        + " '{}'::jsonb, 'user-' || (i % 200), 'r' || i, now()"
                        + " from generate_series(1, 50000) i");
                assertEquals(-1, reltuples(st), "the copy must never have been analyzed");
                String unique = uniqueIndex(st);

                String sql = numbered(RoomStore.STORED_REFS_SQL);
                for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                    for (int pairs : List.of(1, 500)) {
                        st.execute("set local plan_cache_mode = " + mode);
                        st.execute("prepare refs_probe(text[], text[], text) as " + sql);
                        JsonNode plan = explain(st, pairs);
                        st.execute("deallocate refs_probe");
                        List<JsonNode> scans = new ArrayList<>();
                        collect(plan, scans);
                        String where = mode + ", " + pairs + " pair(s): " + plan;
                        assertFalse(scans.isEmpty(), where);
                        for (JsonNode scan : scans) {
                            assertEquals("Index Scan", scan.path("Node Type").asText(), where);
                            assertEquals(unique, scan.path("Index Name").asText(), where);
                            String cond = scan.path("Index Cond").asText();
                            assertTrue(
                                    cond.contains("room") && cond.contains("author") && cond.contains("client_ref"),
                                    where);
                        }
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * Slow mode's check of an account's last stored line (run per line under the room's lock) reads a range of the
     * (room, author, created_at) index on a never-analyzed chat, with custom and generic plans: never the room's whole
     * chat.
     */
    @Test
    void slowModesLastLineReadsTheAuthorIndex() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                st.execute("create temporary table live_chat (like public.live_chat including all) on commit drop");
                st.execute("insert into live_chat (room, author, author_name, text, created_at)"
                        + " select 'session-1', 'user-' || (i % 200), 'User', 'line ' || i,"
                        + " now() - (i || ' seconds')::interval from generate_series(1, 50000) i");
                for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                    st.execute("set local plan_cache_mode = " + mode);
                    st.execute("prepare last_line(text, text, timestamptz) as " + numbered(Chat.LAST_LINE_SQL));
                    JsonNode plan;
                    try (ResultSet rs = st.executeQuery("explain (format json) execute last_line('session-1',"
                            + " 'user-7', now() - interval '30 seconds')")) {
                        rs.next();
                        plan = JSON.readTree(rs.getString(1)).get(0).get("Plan");
                    }
                    st.execute("deallocate last_line");
                    List<JsonNode> nodes = new ArrayList<>();
                    all(plan, nodes);
                    String where = mode + ": " + plan;
                    assertTrue(
                            nodes.stream()
                                    .noneMatch(n -> "Seq Scan"
                                            .equals(n.path("Node Type").asText())),
                            where);
                    assertTrue(
                            nodes.stream().anyMatch(n -> {
                                String cond = n.path("Index Cond").asText();
                                return cond.contains("author") && cond.contains("created_at");
                            }),
                            where);
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static void all(JsonNode node, List<JsonNode> out) {
        out.add(node);
        for (JsonNode child : node.path("Plans")) {
            all(child, out);
        }
    }

    private static long reltuples(Statement st) throws SQLException {
        try (ResultSet rs =
                st.executeQuery("select reltuples::bigint from pg_class where oid = 'pg_temp.live_log'::regclass")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String uniqueIndex(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid"
                + " where x.indrelid = 'pg_temp.live_log'::regclass and x.indisunique and not x.indisprimary")) {
            assertTrue(rs.next(), "the copy has the unique (room, author, client_ref) index");
            return rs.getString(1);
        }
    }

    /** The query with $1, $2, ... for its ? parameters, as PREPARE wants it. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                out.append('$').append(++n);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** The plan for a batch of {@code pairs} (author, ref) pairs, half of them already in the log. */
    private static JsonNode explain(Statement st, int pairs) throws Exception {
        String authors = IntStream.range(0, pairs)
                .mapToObj(i -> "'user-" + (i % 200) + "'")
                .collect(Collectors.joining(","));
        String refs = IntStream.range(0, pairs)
                .mapToObj(i -> "'" + (i % 2 == 0 ? "r" + (i + 1) : "new-" + i) + "'")
                .collect(Collectors.joining(","));
        try (ResultSet rs = st.executeQuery("explain (format json) execute refs_probe(array[" + authors
                + "]::text[], array[" + refs + "]::text[], 'session-1')")) {
            rs.next();
            return JSON.readTree(rs.getString(1)).get(0).get("Plan");
        }
    }

    /** Every plan node that reads live_log. */
    private static void collect(JsonNode node, List<JsonNode> scans) {
        if ("live_log".equals(node.path("Relation Name").asText())) {
            scans.add(node);
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, scans);
        }
    }
}
