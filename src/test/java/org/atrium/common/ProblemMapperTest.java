package org.atrium.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

/** Database refusals that a use case's own checks cannot see coming (concurrent inserts) are 409, not 500. */
class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    private static Problem problem(Response r) {
        return (Problem) r.getEntity();
    }

    @Test
    void uniqueViolationFromARaceIsAConflict() {
        var sql = new SQLException("duplicate key value violates unique constraint \"event_slug_key\"", "23505");
        var hibernate = new ConstraintViolationException("could not execute statement", sql, "event_slug_key");
        Response r = mapper.unexpected(new RuntimeException("commit failed", hibernate));
        assertEquals(409, r.getStatus());
        assertEquals("request.conflict", problem(r).code());
        assertEquals(
                "This conflicts with a change made at the same moment; reload and try again.",
                problem(r).detail());
    }

    @Test
    void foreignKeyViolationIsAConflictToo() {
        Response r = mapper.unexpected(new SQLException("insert or update violates foreign key", "23503"));
        assertEquals(409, r.getStatus());
        assertEquals("request.conflict", problem(r).code());
    }

    @Test
    void otherDatabaseErrorsStayInternalWithoutDetails() {
        Response r =
                mapper.unexpected(new RuntimeException(new SQLException("relation \"x\" does not exist", "42P01")));
        assertEquals(500, r.getStatus());
        assertEquals("internal", problem(r).code());
        assertEquals("The server could not complete the request.", problem(r).detail());
    }
}
