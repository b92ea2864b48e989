package org.atrium.timezone;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/** The zone a response renders times in, and where it came from. */
public record ViewerZone(ZoneId zone, Source source) {

    /** Where the viewer zone came from, in order of precedence. */
    public enum Source {
        /** the request's {@code tz} parameter */
        QUERY,
        /** the signed-in participant's preferred zone for this event */
        PROFILE,
        /** the event's own zone */
        EVENT;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Picks the viewer zone: the {@code tz} parameter when given (an unknown one is a 400 problem), else the
     * participant's stored preference when it is still understood, else the event's zone.
     */
    public static ViewerZone resolve(String tzParameter, Optional<String> preferred, ZoneId eventZone) {
        if (tzParameter != null && !tzParameter.isEmpty()) {
            return new ViewerZone(ViewerZones.parse(tzParameter), Source.QUERY);
        }
        Optional<ZoneId> profile = preferred.flatMap(ViewerZones::tryParse);
        if (profile.isPresent()) {
            return new ViewerZone(profile.get(), Source.PROFILE);
        }
        return new ViewerZone(eventZone, Source.EVENT);
    }
}
