package org.atrium.exhibition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file of a work: its kind, the type it is served as, its alt text (images), its size, and the URL of each stored
 * variant ({@code thumb}, {@code medium}, {@code large} for images; {@code original} for the rest). The URLs name the
 * media id, which never changes its bytes, so they are cached for good.
 */
public record MediaView(
        long id,
        Media.Kind kind,
        String mediaType,
        String alt,
        Integer width,
        Integer height,
        long size,
        Map<String, String> urls) {

    /** The same with absolute URLs under {@code base} (the public JSON, read by other sites). */
    MediaView under(String base) {
        Map<String, String> absolute = new LinkedHashMap<>();
        urls.forEach((k, v) -> absolute.put(k, base + v));
        return new MediaView(id, kind, mediaType, alt, width, height, size, absolute);
    }

    static MediaView of(Media m, String slug) {
        Map<String, String> urls = new LinkedHashMap<>();
        String type = null;
        long size = 0;
        for (Media.Variant v : m.variants) {
            urls.put(v.name, "/api/events/" + slug + "/media/" + m.id + "/" + v.name);
            if (type == null || v.name.equals("large") || v.name.equals("original")) {
                type = v.mediaType;
            }
            size += v.size;
        }
        return new MediaView(m.id, m.kind, type, m.altText, m.width, m.height, size, urls);
    }
}
