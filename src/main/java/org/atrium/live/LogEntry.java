package org.atrium.live;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One accepted event of a room, in the order of its gapless sequence. Append-only: the room's history. */
@Entity
@Table(name = "live_log")
@IdClass(LogEntry.Key.class)
class LogEntry extends PanacheEntityBase {

    public static class Key implements Serializable {
        public String room;
        public long seq;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && seq == k.seq && Objects.equals(room, k.room);
        }

        @Override
        public int hashCode() {
            return Objects.hash(room, seq);
        }
    }

    @Id
    public String room;

    @Id
    public long seq;

    @Column(nullable = false)
    public String type;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String payload;

    @Column(nullable = false)
    public String author;

    @Column(name = "client_ref")
    public String clientRef;

    public String owner;

    @Column(nullable = false)
    public boolean restricted;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
