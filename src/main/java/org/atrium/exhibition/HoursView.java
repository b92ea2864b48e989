package org.atrium.exhibition;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.atrium.timezone.LocalTimes;

/**
 * One opening of a gallery: {@code opens}/{@code closes} on the viewer's clock (with their offsets), the same on the
 * event's clock, {@code dayShift} (the viewer's date of opening minus the event's: -1, 0 or +1, as the programme
 * shows) and {@code closesNextDay} (the opening crosses midnight on the viewer's clock).
 */
public record HoursView(
        Instant opensAt,
        Instant closesAt,
        OffsetDateTime opens,
        OffsetDateTime closes,
        LocalDateTime eventOpens,
        LocalDateTime eventCloses,
        long dayShift,
        boolean closesNextDay) {

    static HoursView of(Gallery.Hours h, ZoneId viewer, ZoneId eventZone) {
        OffsetDateTime opens = LocalTimes.at(h.opensAt, viewer);
        OffsetDateTime closes = LocalTimes.at(h.closesAt, viewer);
        LocalDateTime eventOpens = LocalTimes.at(h.opensAt, eventZone).toLocalDateTime();
        LocalDateTime eventCloses = LocalTimes.at(h.closesAt, eventZone).toLocalDateTime();
        long shift = ChronoUnit.DAYS.between(eventOpens.toLocalDate(), opens.toLocalDate());
        // an opening that ends at midnight exactly does not run into the next day
        boolean nextDay = closes.minusNanos(1).toLocalDate().isAfter(opens.toLocalDate());
        return new HoursView(h.opensAt, h.closesAt, opens, closes, eventOpens, eventCloses, shift, nextDay);
    }
}
