package org.atrium.exhibition;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.Tika;
import org.atrium.common.DomainException;

/**
 * What an uploaded file is, from its bytes (Apache Tika's magic-number detection; the client's declared type and file
 * name are never consulted), and whether the exhibition keeps it: PNG and JPEG images (re-encoded), audio, video and
 * PDF (kept as uploaded). SVG is refused (it can carry scripts), and so is anything else (HTML, archives, programs).
 */
final class MediaTypes {

    /** The types kept, for the problem document of a refusal. */
    static final List<String> ACCEPTED = List.of(
            "image/png",
            "image/jpeg",
            "audio/mpeg",
            "audio/ogg",
            "audio/wav",
            "audio/flac",
            "audio/mp4",
            "video/mp4",
            "video/webm",
            "video/ogg",
            "application/pdf");

    /** Tika's names for the kept types, mapped to the type served. */
    private static final Map<String, String> SERVED_AS = Map.ofEntries(
            Map.entry("image/png", "image/png"),
            Map.entry("image/jpeg", "image/jpeg"),
            Map.entry("audio/mpeg", "audio/mpeg"),
            Map.entry("audio/ogg", "audio/ogg"),
            Map.entry("audio/vorbis", "audio/ogg"),
            Map.entry("audio/opus", "audio/ogg"),
            Map.entry("application/ogg", "audio/ogg"),
            Map.entry("audio/vnd.wave", "audio/wav"),
            Map.entry("audio/x-wav", "audio/wav"),
            Map.entry("audio/wav", "audio/wav"),
            Map.entry("audio/x-flac", "audio/flac"),
            Map.entry("audio/flac", "audio/flac"),
            Map.entry("audio/mp4", "audio/mp4"),
            Map.entry("audio/x-m4a", "audio/mp4"),
            Map.entry("video/mp4", "video/mp4"),
            Map.entry("video/quicktime", "video/mp4"),
            Map.entry("video/webm", "video/webm"),
            Map.entry("video/ogg", "video/ogg"),
            Map.entry("application/pdf", "application/pdf"));

    private static final Tika TIKA = new Tika();

    private MediaTypes() {}

    /** A sniffed file: the type it is served as and the kind of media it makes. */
    record Sniffed(String mediaType, Media.Kind kind) {}

    static Sniffed sniff(byte[] bytes) {
        String detected = TIKA.detect(bytes).toLowerCase(Locale.ROOT);
        if (detected.equals("image/svg+xml") || looksLikeSvg(bytes)) {
            throw new DomainException(
                    415,
                    "media.svg-refused",
                    "SVG images are refused: they can carry scripts. Send a PNG or JPEG.",
                    Map.of("accepted", ACCEPTED));
        }
        if (detected.equals("application/x-matroska") || detected.equals("video/x-matroska")) {
            // tika-core's magic calls every EBML file Matroska: a WebM file says so in its header's DocType
            detected = "webm".equals(ebmlDocType(bytes)) ? "video/webm" : "video/x-matroska";
        }
        String served = SERVED_AS.get(detected);
        if (served == null) {
            throw new DomainException(
                    415,
                    "media.unsupported-type",
                    "This file is " + detected + ", which the exhibition does not keep; send an image (PNG, JPEG),"
                            + " audio, video or a PDF.",
                    Map.of("detected", detected, "accepted", ACCEPTED));
        }
        Media.Kind kind = served.startsWith("image/")
                ? Media.Kind.IMAGE
                : served.startsWith("audio/")
                        ? Media.Kind.AUDIO
                        : served.startsWith("video/") ? Media.Kind.VIDEO : Media.Kind.DOCUMENT;
        return new Sniffed(served, kind);
    }

    /**
     * The DocType of an EBML header ({@code webm}, {@code matroska}), or null: element id {@code 0x4282}, a one-byte
     * size (as muxers write it) and that many ASCII bytes, within the header's first 64 bytes.
     */
    static String ebmlDocType(byte[] bytes) {
        int end = Math.min(bytes.length, 64);
        for (int i = 4; i + 2 < end; i++) {
            if ((bytes[i] & 0xff) == 0x42 && (bytes[i + 1] & 0xff) == 0x82 && (bytes[i + 2] & 0x80) != 0) {
                int length = bytes[i + 2] & 0x7f;
                if (i + 3 + length <= bytes.length) {
                    return new String(bytes, i + 3, length, java.nio.charset.StandardCharsets.US_ASCII);
                }
            }
        }
        return null;
    }

    /** An {@code <svg} root in the first kilobyte, whatever precedes it (a BOM, an XML declaration, comments). */
    private static boolean looksLikeSvg(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        return head.contains("<svg");
    }

    /** The file name extension for a served type, for {@code Content-Disposition}. */
    static String extension(String mediaType) {
        return switch (mediaType) {
            case "image/png" -> "png";
            case "image/jpeg" -> "jpg";
            case "audio/mpeg" -> "mp3";
            case "audio/ogg", "video/ogg" -> "ogg";
            case "audio/wav" -> "wav";
            case "audio/flac" -> "flac";
            case "audio/mp4" -> "m4a";
            case "video/mp4" -> "mp4";
            case "video/webm" -> "webm";
            case "application/pdf" -> "pdf";
            default -> "bin";
        };
    }
}
