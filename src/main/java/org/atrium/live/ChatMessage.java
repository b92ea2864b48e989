package org.atrium.live;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.atrium.common.IdentifiedEntity;

/** A chat line of a room; deleting keeps the row (the log refers to it) but hides it. */
@Entity
@Table(name = "live_chat")
class ChatMessage extends IdentifiedEntity {

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
