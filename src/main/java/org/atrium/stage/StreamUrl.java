package org.atrium.stage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atrium.common.DomainException;

/**
 * A stream or recording address as the server has read it: its provider, the normalised address people follow, and,
 * for the embedded kinds, the provider's privacy-friendly player address (youtube-nocookie, Vimeo with {@code dnt=1},
 * PeerTube without P2P). Everything a browser will load comes from here, so the page and the Content-Security-Policy
 * ({@link ContentPolicy}) are computed from the same origins. Refusals carry stable codes (src/docs/stage.md).
 */
public record StreamUrl(Provider provider, String url, String embedUrl) {

    /** Longest address accepted, in characters (a longer one is refused, not cut). */
    static final int MAX_LENGTH = 2048;

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Pattern YOUTUBE_ID = Pattern.compile("[A-Za-z0-9_-]{11}");
    private static final Pattern VIMEO_ID = Pattern.compile("[0-9]{1,12}");
    private static final Pattern VIMEO_HASH = Pattern.compile("[0-9a-f]{6,20}");
    private static final Pattern PEERTUBE_PATH =
            Pattern.compile("/(?:w|videos/watch|videos/embed)/([A-Za-z0-9-]{8,64})/?");
    private static final Pattern JITSI_ROOM = Pattern.compile("/[A-Za-z0-9_.~-]{1,200}");

    /** Where the stream is for: the live stage (a venue's stream, a session's override) or a session's recording. */
    enum Purpose {
        LIVE,
        RECORDING
    }

    /** The origin ({@code https://host[:port]}) a browser loads the player or media from. */
    public String origin() {
        URI u = URI.create(provider.kind == Provider.Kind.EMBED ? embedUrl : url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }

    /**
     * Reads what an organiser typed. {@code named} is the provider the organiser chose (null: recognise it by host);
     * {@code plainHttpHosts} may be reached over http (a test or an intranet stream server), all others need https.
     */
    static StreamUrl read(String raw, Provider named, Purpose purpose, Collection<String> plainHttpHosts) {
        if (raw == null || raw.isBlank()) {
            throw refuse("stream.url-required", "Give the stream's address.", Map.of());
        }
        String text = raw.strip();
        if (text.length() > MAX_LENGTH) {
            throw refuse(
                    "stream.url-too-long",
                    "The address is longer than " + MAX_LENGTH + " characters.",
                    Map.of("max", MAX_LENGTH));
        }
        if (named == Provider.YOUTUBE && YOUTUBE_ID.matcher(text).matches()) {
            return youtube(text);
        }
        if (named == Provider.VIMEO && VIMEO_ID.matcher(text).matches()) {
            return new StreamUrl(Provider.VIMEO, "https://vimeo.com/" + text, vimeoEmbed(text, null));
        }
        Matcher schemeOf = SCHEME.matcher(text);
        if (schemeOf.lookingAt()) {
            String scheme = schemeOf.group(1).toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw refuse(
                        "stream.scheme-not-allowed",
                        "Only https addresses can be streams (not " + scheme + ":).",
                        Map.of("scheme", scheme));
            }
        }
        if (text.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '\\')) {
            throw invalid();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid();
        }
        String scheme = Optional.ofNullable(uri.getScheme())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .orElseThrow(StreamUrl::invalid);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refuse(
                    "stream.scheme-not-allowed",
                    "Only https addresses can be streams (not " + scheme + ":).",
                    Map.of("scheme", scheme));
        }
        if (uri.getRawUserInfo() != null) {
            throw refuse(
                    "stream.credentials-in-url",
                    "The address carries a user name or password; give the public address of the stream.",
                    Map.of());
        }
        if (uri.getHost() == null || uri.isOpaque()) {
            throw invalid();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (scheme.equals("http") && !plainHttpHosts.contains(host)) {
            throw refuse("stream.https-required", "Streams must be served over https.", Map.of("host", host));
        }
        int port = uri.getPort() == 443 && scheme.equals("https") || uri.getPort() == 80 && scheme.equals("http")
                ? -1
                : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery();
        String base = scheme + "://" + host + (port == -1 ? "" : ":" + port);
        String normalised = base + path + (query == null ? "" : "?" + query);

        Provider provider = named != null ? named : recognise(host, path);
        if (provider.kind == Provider.Kind.LINK && purpose == Purpose.LIVE
                || provider.kind == Provider.Kind.MEETING && purpose == Purpose.RECORDING) {
            throw refuse(
                    "stream.provider-not-allowed",
                    purpose == Purpose.LIVE
                            ? "A plain link cannot be a live stream."
                            : "A meeting cannot be a recording.",
                    Map.of("provider", provider.name()));
        }
        if (!provider.hosts.isEmpty() && !provider.knows(host)) {
            throw refuse(
                    "stream.unknown-host",
                    host + " is not a " + provider.name() + " address.",
                    Map.of("host", host, "provider", provider.name()));
        }
        return switch (provider) {
            case HLS -> {
                if (!path.toLowerCase(Locale.ROOT).endsWith(".m3u8")) {
                    throw refuse("stream.not-hls", "An HLS stream's address ends in .m3u8.", Map.of());
                }
                yield new StreamUrl(Provider.HLS, normalised, null);
            }
            case YOUTUBE -> youtube(youtubeId(host, path, query));
            case VIMEO -> vimeo(path);
            case PEERTUBE -> {
                Matcher m = PEERTUBE_PATH.matcher(path);
                if (!m.matches()) {
                    throw badId(provider);
                }
                yield new StreamUrl(
                        Provider.PEERTUBE,
                        base + "/w/" + m.group(1),
                        base + "/videos/embed/" + m.group(1) + "?p2p=0&warningTitle=0");
            }
            case JITSI -> {
                if (!JITSI_ROOM.matcher(path).matches()) {
                    throw refuse("stream.invalid-meeting", "A Jitsi address names one room: /RoomName.", Map.of());
                }
                yield new StreamUrl(Provider.JITSI, base + path, base + path);
            }
            case BIGBLUEBUTTON, ZOOM, TEAMS, LINK -> new StreamUrl(provider, normalised, null);
        };
    }

    /** Recognises a provider by its host (YouTube, Vimeo, meet.jit.si, Zoom, Teams) or its paths (.m3u8, PeerTube). */
    private static Provider recognise(String host, String path) {
        for (Provider p : Provider.values()) {
            if (!p.hosts.isEmpty() && p.knows(host)) {
                return p;
            }
        }
        if (path.toLowerCase(Locale.ROOT).endsWith(".m3u8")) {
            return Provider.HLS;
        }
        if (PEERTUBE_PATH.matcher(path).matches()) {
            return Provider.PEERTUBE;
        }
        throw refuse(
                "stream.unrecognised",
                "This address is none of the streams Atrium can show (HLS .m3u8, YouTube, Vimeo, PeerTube, Jitsi,"
                        + " BigBlueButton, Zoom, Teams); name the provider if it is self-hosted.",
                Map.of("host", host));
    }

    private static String youtubeId(String host, String path, String query) {
        String id = null;
        if (host.equals("youtu.be")) {
            id = path.substring(1);
        } else if (path.equals("/watch") && query != null) {
            id = Arrays.stream(query.split("&"))
                    .filter(p -> p.startsWith("v="))
                    .map(p -> p.substring(2))
                    .findFirst()
                    .orElse(null);
        } else {
            Matcher m = Pattern.compile("/(?:live|embed|shorts|v)/([^/]+)/?").matcher(path);
            if (m.matches()) {
                id = m.group(1);
            }
        }
        if (id == null || !YOUTUBE_ID.matcher(id).matches()) {
            throw badId(Provider.YOUTUBE);
        }
        return id;
    }

    private static StreamUrl youtube(String id) {
        return new StreamUrl(
                Provider.YOUTUBE,
                "https://www.youtube.com/watch?v=" + id,
                "https://www.youtube-nocookie.com/embed/" + id);
    }

    private static StreamUrl vimeo(String path) {
        Matcher m = Pattern.compile("/(?:video/)?([0-9]{1,12})(?:/([0-9a-f]{6,20}))?/?")
                .matcher(path);
        if (!m.matches()) {
            throw badId(Provider.VIMEO);
        }
        String id = m.group(1);
        String hash = m.group(2);
        return new StreamUrl(
                Provider.VIMEO, "https://vimeo.com/" + id + (hash == null ? "" : "/" + hash), vimeoEmbed(id, hash));
    }

    private static String vimeoEmbed(String id, String hash) {
        if (hash != null && !VIMEO_HASH.matcher(hash).matches()) {
            throw badId(Provider.VIMEO);
        }
        return "https://player.vimeo.com/video/" + id + "?dnt=1" + (hash == null ? "" : "&h=" + hash);
    }

    private static DomainException badId(Provider provider) {
        return refuse(
                "stream.invalid-video-id",
                "The address names no " + provider.name() + " video.",
                Map.of("provider", provider.name()));
    }

    private static DomainException invalid() {
        return refuse("stream.url-invalid", "This is not a web address.", Map.of());
    }

    private static DomainException refuse(String code, String message, Map<String, Object> details) {
        return new DomainException(400, code, message, details);
    }
}
