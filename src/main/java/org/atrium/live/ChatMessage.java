package org.atrium.live;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A chat line of a room; deleting keeps the row (the log refers to it) but hides it. Unlike the other entities its id
 * comes from the identity column's sequence 50 at a time (V60), so a room writer's batch of chat lines is inserted in
 * JDBC batches rather than one round trip per line.
 */
@Entity
@Table(name = "live_chat")
class ChatMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "live_chat_ids")
    @SequenceGenerator(name = "live_chat_ids", sequenceName = "live_chat_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false)
    public String room;

    @Column(nullable = false)
    public String author;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(nullable = false)
    public String text;

    @Column(nullable = false)
    public boolean deleted;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
