package org.atrium.timezone;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A zone as a response reports it: its id, whether it is a fixed offset or a region with rules, where it came from,
 * its offset(s) during a period (usually the event) and the transitions inside that period, so a client can say
 * "your clocks change during this event".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ZoneView(
        String id,
        Kind kind,
        ViewerZone.Source source,
        String offset,
        List<String> offsets,
        boolean offsetChanges,
        List<TransitionView> transitions) {

    public enum Kind {
        /** a fixed offset such as GMT+4: no daylight saving */
        OFFSET,
        /** an IANA region whose rules (daylight saving, history) apply */
        REGION;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One change of offset: the instant, the offsets and wall-clock times either side, and whether clocks jump. */
    public record TransitionView(
            Instant at,
            String offsetBefore,
            String offsetAfter,
            LocalDateTime localBefore,
            LocalDateTime localAfter,
            String change) {

        static TransitionView of(ZoneOffsetTransition t) {
            return new TransitionView(
                    t.getInstant(),
                    LocalTimes.offsetId(t.getOffsetBefore()),
                    LocalTimes.offsetId(t.getOffsetAfter()),
                    t.getDateTimeBefore(),
                    t.getDateTimeAfter(),
                    t.isGap() ? "forward" : "back");
        }
    }

    /** The zone during [from, to): its offset at {@code from}, every offset it has there, and the transitions. */
    public static ZoneView of(ZoneId zone, ViewerZone.Source source, Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransition> transitions = transitions(zone, from, to);
        Set<String> offsets = new LinkedHashSet<>();
        offsets.add(LocalTimes.offsetId(rules.getOffset(from)));
        transitions.forEach(t -> offsets.add(LocalTimes.offsetId(t.getOffsetAfter())));
        return new ZoneView(
                zone.getId().equals("Z") ? "UTC" : zone.getId(),
                zone instanceof ZoneOffset ? Kind.OFFSET : Kind.REGION,
                source,
                LocalTimes.offsetId(rules.getOffset(from)),
                List.copyOf(offsets),
                !transitions.isEmpty(),
                transitions.stream().map(TransitionView::of).toList());
    }

    public static ZoneView of(ViewerZone viewer, Instant from, Instant to) {
        return of(viewer.zone(), viewer.source(), from, to);
    }

    /** The offset changes of {@code zone} at instants in [from, to). */
    public static List<ZoneOffsetTransition> transitions(ZoneId zone, Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffsetTransition> result = new ArrayList<>();
        ZoneOffsetTransition t = rules.nextTransition(from.minusNanos(1));
        while (t != null && t.getInstant().isBefore(to)) {
            if (!t.getInstant().isBefore(from)) {
                result.add(t);
            }
            t = rules.nextTransition(t.getInstant());
        }
        return result;
    }
}
