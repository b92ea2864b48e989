package org.atrium.live;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.atrium.common.IdentifiedEntity;

/** A written answer to a question by a moderator of its room. */
@Entity
@Table(name = "live_reply")
class Reply extends IdentifiedEntity {

    @Column(name = "question_id", nullable = false)
    public long questionId;

    @Column(nullable = false)
    public String author;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(nullable = false)
    public String text;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
