package org.atrium.common;

import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/**
 * Plain JDBC for hot read queries, on the entity manager's connection (so inside its transaction). A native query
 * typed with a result class ({@code createNativeQuery(sql, Long.class)}) misses Hibernate's query plan cache on every
 * call and adds a new entry under the same hash, so lookups walk an ever longer bin and the churn evicts the plans of
 * HQL queries: the live snapshot's votes query did, 15% of a join's CPU in a join-storm profile (LiveQueryPlanTest).
 * Untyped native queries and HQL reuse their plans. The database driver caches the prepared statements itself.
 * Nothing pending in the persistence context is flushed first: run it before the use case's own changes, or flush.
 */
public final class Sql {

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Sql() {}

    /** The rows of {@code sql}; parameters are bound in order, {@code String[]} as a text array. */
    public static <T> List<T> list(EntityManager em, String sql, Row<T> row, Object... parameters) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    Object p = parameters[i];
                    if (p instanceof String[] strings) {
                        Array array = connection.createArrayOf("text", strings);
                        ps.setArray(i + 1, array);
                    } else {
                        ps.setObject(i + 1, p);
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row.read(rs));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * A {@code like} pattern that finds {@code text} anywhere ({@code %text%}), with its own {@code %}, {@code _} and
     * backslashes matching only themselves.
     */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The first column of the first row as a long (0 when null or no row). */
    public static long longValue(EntityManager em, String sql, Object... parameters) {
        List<Long> rows = list(em, sql, rs -> rs.getLong(1), parameters);
        return rows.isEmpty() ? 0 : rows.get(0);
    }
}
