package org.atrium.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Small domain bounds, so that tests reach each limit cheaply, and event creation closed to the organiser role as in
 * production. Test classes that share this profile share one application start.
 */
public class SmallBounds implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("atrium.bounds.event-max-days", "3"),
                Map.entry("atrium.bounds.earliest-day", "2020-01-01"),
                Map.entry("atrium.bounds.latest-day", "2030-12-31"),
                Map.entry("atrium.bounds.sessions-per-event", "2"),
                Map.entry("atrium.bounds.speakers-per-session", "2"),
                Map.entry("atrium.bounds.speakers-per-event", "3"),
                Map.entry("atrium.bounds.tracks-per-event", "2"),
                Map.entry("atrium.bounds.rooms-per-event", "2"),
                Map.entry("atrium.bounds.organisers-per-event", "2"),
                Map.entry("atrium.bounds.invitations-per-event", "2"),
                Map.entry("atrium.bounds.questions-per-account-per-room", "2"),
                Map.entry("atrium.bounds.chat-lines-per-account-per-room", "2"),
                Map.entry("atrium.bounds.image-max-bytes", "2000"),
                Map.entry("atrium.bounds.image-max-pixels", "10000"),
                Map.entry("atrium.bounds.image-max-side", "64"),
                // as in production: only accounts with the organiser role create events
                Map.entry("atrium.organising.open", "false"));
    }
}
