package org.atrium.event;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.atrium.common.Bounds;
import org.atrium.common.DomainException;
import org.atrium.common.IdentifiedEntity;
import org.atrium.common.PublishedEntity;

/**
 * A conference. Its days are local dates in its IANA zone; everything timed inside it is stored as an instant and
 * converted with {@link #zone()} at the edges.
 */
@Entity
@Table(name = "event")
public class Event extends IdentifiedEntity implements PublishedEntity {

    public enum Status {
        DRAFT,
        PUBLISHED,
        CANCELLED
    }

    /** PUBLIC events are listed once published; UNLISTED ones are reachable by slug only. */
    public enum Visibility {
        PUBLIC,
        UNLISTED
    }

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "first_day", nullable = false)
    public LocalDate firstDay;

    @Column(name = "last_day", nullable = false)
    public LocalDate lastDay;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.DRAFT;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility = Visibility.PUBLIC;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "event_organiser", joinColumns = @JoinColumn(name = "event_id"))
    @Column(name = "subject", nullable = false)
    public Set<String> organisers = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The organisers' uploaded logo ({@code org.atrium.common.StoredImage}); see {@link BrandingResource}. */
    @Column(name = "logo_image_id")
    public Long logoImageId;

    /** The accent colour of the event's pages ({@code #rrggbb}, lower case), contrast-checked by {@link Branding}. */
    @Column(name = "accent_colour")
    public String accentColour;

    @Version
    public long version;

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean isOrganiser(String subject) {
        return subject != null && organisers.contains(subject);
    }

    /**
     * Adds a co-organiser (nothing changes when they already are one); refused past the per-event bound
     * ({@code event.too-many-organisers}).
     */
    public void addOrganiser(String subject, Bounds bounds) {
        if (!organisers.contains(subject)) {
            Bounds.checkCount(
                    "event.too-many-organisers", "organisers", organisers.size(), bounds.organisersPerEvent());
            organisers.add(subject);
        }
    }

    /** Whether {@code subject} (null for anonymous) may see the event: published or cancelled, or one it organises. */
    public boolean isVisibleTo(String subject) {
        return status != Status.DRAFT || isOrganiser(subject);
    }

    /** The first instant of the first day and the first instant after the last day, in the event's zone. */
    public Instant opensAt() {
        return firstDay.atStartOfDay(zone()).toInstant();
    }

    public Instant closesAt() {
        return lastDay.plusDays(1).atStartOfDay(zone()).toInstant();
    }

    void setDays(LocalDate first, LocalDate last, Bounds bounds) {
        if (last.isBefore(first)) {
            throw new DomainException(400, "event.days-reversed", "The last day must not be before the first day.");
        }
        if (first.isBefore(bounds.earliestDay()) || last.isAfter(bounds.latestDay())) {
            throw new DomainException(
                    400,
                    "event.day-out-of-range",
                    "An event's days must lie between " + bounds.earliestDay() + " and " + bounds.latestDay() + ".",
                    Map.of(
                            "earliestDay",
                            bounds.earliestDay().toString(),
                            "latestDay",
                            bounds.latestDay().toString()));
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days > bounds.eventMaxDays()) {
            throw new DomainException(
                    400,
                    "event.too-long",
                    "An event may last at most " + bounds.eventMaxDays() + " days; this one would last " + days + ".",
                    Map.of("limit", bounds.eventMaxDays()));
        }
        this.firstDay = first;
        this.lastDay = last;
    }

    void publish() {
        if (status == Status.CANCELLED) {
            throw DomainException.conflict("event.cancelled", "A cancelled event cannot be published.");
        }
        status = Status.PUBLISHED;
    }

    void unpublish() {
        if (status == Status.CANCELLED) {
            throw DomainException.conflict("event.cancelled", "A cancelled event cannot be unpublished.");
        }
        status = Status.DRAFT;
    }

    void cancel() {
        status = Status.CANCELLED;
    }
}
