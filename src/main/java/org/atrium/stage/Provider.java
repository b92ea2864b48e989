package org.atrium.stage;

import java.util.Set;

/**
 * Where a stream comes from, and so how a browser shows it: {@link Kind#PLAYER} in our own video element (hls.js),
 * {@link Kind#EMBED} in the provider's privacy-friendly player, {@link Kind#MEETING} behind a "Join" button (Jitsi
 * may be embedded when the organiser allows it), {@link Kind#LINK} as a plain link (recordings only).
 */
public enum Provider {
    HLS(Kind.PLAYER, Set.of()),
    YOUTUBE(
            Kind.EMBED,
            Set.of(
                    "youtube.com",
                    "www.youtube.com",
                    "m.youtube.com",
                    "youtu.be",
                    "youtube-nocookie.com",
                    "www.youtube-nocookie.com")),
    VIMEO(Kind.EMBED, Set.of("vimeo.com", "www.vimeo.com", "player.vimeo.com")),
    /** Self-hosted: any host, recognised by its paths ({@code /w/{id}}, {@code /videos/watch/{id}}). */
    PEERTUBE(Kind.EMBED, Set.of()),
    /** meet.jit.si and 8x8.vc are recognised; a self-hosted Jitsi is named by the organiser. */
    JITSI(Kind.MEETING, Set.of("meet.jit.si", "8x8.vc")),
    /** Always self-hosted: named by the organiser. */
    BIGBLUEBUTTON(Kind.MEETING, Set.of()),
    ZOOM(Kind.MEETING, Set.of("zoom.us", "zoom.com")),
    TEAMS(Kind.MEETING, Set.of("teams.microsoft.com", "teams.live.com")),
    /** Any https page (a recording on a media site); never a live stream. */
    LINK(Kind.LINK, Set.of());

    public enum Kind {
        PLAYER,
        EMBED,
        MEETING,
        LINK
    }

    final Kind kind;

    /** The hosts this provider is known at; empty for self-hosted providers (any host, named by the organiser). */
    final Set<String> hosts;

    Provider(Kind kind, Set<String> hosts) {
        this.kind = kind;
        this.hosts = hosts;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether {@code host} is one of this provider's own (Zoom's subdomains such as {@code us02web.zoom.us} too). */
    boolean knows(String host) {
        if (hosts.contains(host)) {
            return true;
        }
        return this == ZOOM && (host.endsWith(".zoom.us") || host.endsWith(".zoom.com"));
    }
}
