package org.atrium.stage;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of an event's player frame ({@link PlayerPage}): {@code frame-src}, {@code media-src}
 * and {@code connect-src} list exactly the origins of the players and streams configured for the event (its venues'
 * streams, its sessions' own streams and recordings) and the configured allow-list
 * ({@code atrium.stage.allowed-sources}), never a wildcard. Everything else is the UI's strict policy. The UI's own
 * pages keep the global policy ({@code ui/SecurityHeaders}), which allows no third-party frame or media at all.
 */
@ApplicationScoped
class ContentPolicy {

    /** An origin: scheme, host, optional port; nothing else (no wildcard, no path). */
    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?");

    @Inject
    StageConfig config;

    @Inject
    Stages stages;

    void check(@Observes StartupEvent start) {
        allowList();
    }

    /** The allow-list, each entry checked: a misconfigured entry stops the start-up instead of weakening the policy. */
    List<String> allowList() {
        List<String> list = config.allowedSources().orElse(List.of());
        for (String origin : list) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalStateException("atrium.stage.allowed-sources: " + origin
                        + " is not an origin (scheme://host[:port], no wildcard, no path)");
            }
        }
        return list;
    }

    /** The policy for the event's player frames. */
    String forEvent(long eventId) {
        TreeSet<String> frames = new TreeSet<>(allowList());
        TreeSet<String> media = new TreeSet<>(allowList());
        for (StageStream s : stages.ofEvent(eventId)) {
            if (!StreamView.played(s)) {
                continue;
            }
            StreamUrl source = s.source();
            if (source.provider().kind() == Provider.Kind.PLAYER) {
                media.add(source.origin());
            } else {
                frames.add(source.origin());
            }
        }
        String mediaList = String.join(" ", media);
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:"
                + "; media-src 'self' blob:" + (mediaList.isEmpty() ? "" : " " + mediaList)
                + "; connect-src 'self'" + (mediaList.isEmpty() ? "" : " " + mediaList)
                + "; frame-src " + (frames.isEmpty() ? "'none'" : String.join(" ", frames))
                + "; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'self'";
    }
}
