package org.atrium.stage;

/**
 * A stream as clients see it. {@code kind} says how to show it (PLAYER: our HLS player; EMBED: the provider's player
 * at {@code embedUrl}; MEETING: a Join button, or embedded when {@code allowEmbed}; LINK: a link). {@code from} is
 * {@code room} (the venue's stream) or {@code session} (the session's own). A meeting's address and instructions are
 * given only to those admitted to the session (organisers, speakers, confirmed participants): {@code url} is null
 * for the others and {@code admitted} false.
 */
record StreamView(
        long id,
        Provider provider,
        Provider.Kind kind,
        String url,
        String embedUrl,
        String instructions,
        boolean allowEmbed,
        String from,
        boolean admitted,
        long version) {

    static StreamView of(StageStream s, boolean admitted) {
        StreamUrl source = s.source();
        boolean secret = source.provider().kind() == Provider.Kind.MEETING && !(s.allowEmbed && embeddable(s));
        boolean shown = admitted || !secret;
        return new StreamView(
                s.id,
                s.provider,
                s.provider.kind(),
                shown ? source.url() : null,
                shown && (source.provider().kind() == Provider.Kind.EMBED || s.allowEmbed && embeddable(s))
                        ? source.embedUrl()
                        : null,
                shown ? s.instructions : null,
                s.allowEmbed && embeddable(s),
                s.venue != null ? "room" : "session",
                shown,
                s.version);
    }

    /** Only Jitsi meetings may be embedded (the others refuse to be framed or need their app). */
    static boolean embeddable(StageStream s) {
        return s.provider == Provider.JITSI;
    }

    /** Whether the page shows it in a player (ours or the provider's), rather than a button or a link. */
    static boolean played(StageStream s) {
        return s.provider.kind() == Provider.Kind.PLAYER
                || s.provider.kind() == Provider.Kind.EMBED
                || s.allowEmbed && embeddable(s);
    }
}
