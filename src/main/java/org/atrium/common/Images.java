package org.atrium.common;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Every uploaded image goes through here once: bounded in bytes, its type sniffed from its first bytes (never from
 * what the client declares), its dimensions read from the header and bounded before anything is decoded (a small
 * file can declare a huge canvas: a decompression bomb), then decoded (a large one with source subsampling, so only
 * about twice the stored size is ever held in memory), downscaled to at most {@code maxSide} pixels
 * on its longer side, and encoded afresh. What is stored is only the pixels: EXIF and GPS metadata, comments, colour
 * profiles and anything appended or hidden in the file (a polyglot that is also HTML or a script) are gone.
 *
 * <p>PNG and JPEG only: the JDK's ImageIO has no WebP (or AVIF) reader, so those are refused as unsupported rather
 * than stored undecoded. PNG stays PNG (keeps transparency), JPEG stays JPEG. A JPEG's EXIF orientation is applied to
 * the pixels before the metadata goes, so phone photos stay upright.
 */
public final class Images {

    /** The formats Atrium stores, with the media type they are served as. */
    public enum Format {
        PNG("image/png", "png"),
        JPEG("image/jpeg", "jpeg");

        public final String mediaType;
        final String imageIoName;

        Format(String mediaType, String imageIoName) {
            this.mediaType = mediaType;
            this.imageIoName = imageIoName;
        }
    }

    /** The bounds an upload must stay within (see {@link Bounds}). */
    public record Limits(int maxBytes, long maxPixels, int maxSide) {
        public static Limits of(Bounds bounds) {
            return new Limits(bounds.imageMaxBytes(), bounds.imageMaxPixels(), bounds.imageMaxSide());
        }
    }

    /** A re-encoded image: only pixels, at most {@code maxSide} on its longer side; {@code sha256} in hex. */
    public record Processed(Format format, byte[] bytes, int width, int height, String sha256) {}

    static final double JPEG_QUALITY = 0.88;

    private Images() {}

    /**
     * Checks, decodes and re-encodes {@code data}. Refusals: 400 {@code upload.empty}; 413 {@code upload.too-large}
     * (with {@code limit} in bytes); 415 {@code upload.unsupported-type} (with the {@code accepted} media types); 413
     * {@code upload.too-many-pixels} (with {@code width}, {@code height}, {@code limit}); 400 {@code upload.unreadable}
     * when the file says it is a PNG or JPEG but cannot be decoded.
     */
    public static Processed normalise(byte[] data, Limits limits) {
        if (data == null || data.length == 0) {
            throw new DomainException(400, "upload.empty", "The upload is empty: send the image file as the body.");
        }
        if (data.length > limits.maxBytes()) {
            throw new DomainException(
                    413,
                    "upload.too-large",
                    "An image may be at most " + limits.maxBytes() + " bytes; this one has " + data.length + ".",
                    Map.of("limit", limits.maxBytes(), "size", data.length));
        }
        Format format = sniff(data);
        BufferedImage decoded = decode(data, format, limits);
        // the EXIF orientation is about to be dropped with the rest of the metadata: apply it to the pixels first, or
        // a phone photo taken upright would be stored lying on its side
        int orientation = format == Format.JPEG ? exifOrientation(data) : 1;
        BufferedImage pixels = downscale(orient(clean(decoded, format), orientation), limits.maxSide());
        byte[] encoded = encode(pixels, format);
        return new Processed(format, encoded, pixels.getWidth(), pixels.getHeight(), sha256(encoded));
    }

    /**
     * Like {@link #normalise}, for an image kept in several sizes (the exhibition's thumbnail, medium and large): the
     * same checks, one decode (subsampled for the largest size), and each size encoded afresh from the clean pixels,
     * so they are made once, at upload. {@code sides} names each size with its longer side in pixels; an image
     * smaller than a size is kept at its own size. The result keeps the order of {@code sides}.
     */
    public static Map<String, Processed> sizes(byte[] data, Limits limits, Map<String, Integer> sides) {
        if (data == null || data.length == 0) {
            throw new DomainException(400, "upload.empty", "The upload is empty: send the image file as the body.");
        }
        if (data.length > limits.maxBytes()) {
            throw new DomainException(
                    413,
                    "upload.too-large",
                    "An image may be at most " + limits.maxBytes() + " bytes; this one has " + data.length + ".",
                    Map.of("limit", limits.maxBytes(), "size", data.length));
        }
        int largest = sides.values().stream().mapToInt(Integer::intValue).max().orElse(limits.maxSide());
        Format format = sniff(data);
        BufferedImage decoded = decode(data, format, new Limits(limits.maxBytes(), limits.maxPixels(), largest));
        int orientation = format == Format.JPEG ? exifOrientation(data) : 1;
        BufferedImage clean = orient(clean(decoded, format), orientation);
        Map<String, Processed> result = new java.util.LinkedHashMap<>();
        sides.forEach((name, side) -> {
            BufferedImage pixels = downscale(clean, side);
            byte[] encoded = encode(pixels, format);
            result.put(name, new Processed(format, encoded, pixels.getWidth(), pixels.getHeight(), sha256(encoded)));
        });
        return result;
    }

    /** The format the bytes are, by their signature; anything else is refused as unsupported. */
    static Format sniff(byte[] d) {
        if (startsWith(d, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Format.PNG;
        }
        if (startsWith(d, 0, 0xFF, 0xD8, 0xFF)) {
            return Format.JPEG;
        }
        String what = startsWith(d, 0, 'R', 'I', 'F', 'F') && startsWith(d, 8, 'W', 'E', 'B', 'P')
                ? "WebP images are not supported here (the server's decoder reads PNG and JPEG only)"
                : startsWith(d, 0, 'G', 'I', 'F', '8')
                        ? "GIF images are not supported"
                        : "This is not a PNG or JPEG image";
        throw new DomainException(
                415,
                "upload.unsupported-type",
                what + "; send a PNG or JPEG file.",
                Map.of("accepted", java.util.List.of(Format.PNG.mediaType, Format.JPEG.mediaType)));
    }

    private static boolean startsWith(byte[] d, int offset, int... signature) {
        if (d.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((d[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads the dimensions from the header, refuses too many pixels, and only then decodes. */
    private static BufferedImage decode(byte[] data, Format format, Limits limits) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            long pixels = (long) width * height;
            if (width <= 0 || height <= 0) {
                throw unreadable(format);
            }
            if (pixels > limits.maxPixels()) {
                throw new DomainException(
                        413,
                        "upload.too-many-pixels",
                        "An image may have at most " + limits.maxPixels() + " pixels; this one is " + width + " × "
                                + height + ".",
                        Map.of("width", width, "height", height, "limit", limits.maxPixels()));
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(width, height, limits.maxSide());
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(format);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Every how many pixels the decoder keeps one, in each direction, so that the decoded raster is at most twice
     * {@code maxSide} on its longer side (and still at least {@code maxSide}; {@link #downscale} scales the rest
     * smoothly) rather than the whole canvas: a 40-megapixel upload decoded whole is some 160 MB of pixels, and a few
     * at once exhaust the heap.
     */
    static int subsampling(int width, int height, int maxSide) {
        long longer = Math.max(width, height);
        long most = 2L * maxSide;
        return (int) Math.max(1, (longer + most - 1) / most);
    }

    private static DomainException unreadable(Format format) {
        return new DomainException(
                400,
                "upload.unreadable",
                "The file looks like a " + format + " image but cannot be read; it may be damaged or truncated.");
    }

    /** Copies the pixels into a plain RGB (or, for PNG with transparency, ARGB) image: nothing else survives. */
    private static BufferedImage clean(BufferedImage source, Format format) {
        boolean alpha = format == Format.PNG && source.getColorModel().hasAlpha();
        BufferedImage copy = new BufferedImage(
                source.getWidth(),
                source.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        try {
            if (!alpha) {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, copy.getWidth(), copy.getHeight());
            }
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    /**
     * The EXIF orientation (1-8, TIFF tag 0x0112 of IFD0 in the APP1 "Exif" segment) of a JPEG, or 1 when it has none
     * or it cannot be read. Only the segments before the image data are looked at.
     */
    static int exifOrientation(byte[] d) {
        int i = 2;
        while (i + 4 <= d.length && (d[i] & 0xFF) == 0xFF) {
            int marker = d[i + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                return 1; // start of scan or end of image: no more metadata
            }
            int length = ((d[i + 2] & 0xFF) << 8) | (d[i + 3] & 0xFF);
            int body = i + 4;
            if (length < 2 || body + length - 2 > d.length) {
                return 1;
            }
            if (marker == 0xE1 && length >= 16 && startsWith(d, body, 'E', 'x', 'i', 'f', 0, 0)) {
                return orientationInTiff(d, body + 6, body + length - 2);
            }
            i = body + length - 2;
        }
        return 1;
    }

    private static int orientationInTiff(byte[] d, int tiff, int end) {
        boolean little = d[tiff] == 'I' && d[tiff + 1] == 'I';
        if (!little && !(d[tiff] == 'M' && d[tiff + 1] == 'M')) {
            return 1;
        }
        long ifd = tiff + unsigned(d, tiff + 4, 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = (int) unsigned(d, (int) ifd, 2, little);
        for (int e = 0; e < entries; e++) {
            int at = (int) ifd + 2 + 12 * e;
            if (at + 12 > end) {
                return 1;
            }
            if (unsigned(d, at, 2, little) == 0x0112) {
                int value = (int) unsigned(d, at + 8, 2, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static long unsigned(byte[] d, int at, int bytes, boolean little) {
        long v = 0;
        for (int k = 0; k < bytes; k++) {
            int b = d[at + (little ? bytes - 1 - k : k)] & 0xFF;
            v = (v << 8) | b;
        }
        return v;
    }

    /** The image turned upright as EXIF orientation {@code o} says (1 = as stored). */
    static BufferedImage orient(BufferedImage src, int o) {
        if (o <= 1 || o > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = o >= 5;
        java.awt.geom.AffineTransform t = new java.awt.geom.AffineTransform();
        switch (o) {
            case 2 -> t.setTransform(-1, 0, 0, 1, w, 0); // mirrored
            case 3 -> t.setTransform(-1, 0, 0, -1, w, h); // upside down
            case 4 -> t.setTransform(1, 0, 0, -1, 0, h); // mirrored upside down
            case 5 -> t.setTransform(0, 1, 1, 0, 0, 0); // transposed
            case 6 -> t.setTransform(0, 1, -1, 0, h, 0); // turned 90 degrees clockwise to be upright
            case 7 -> t.setTransform(0, -1, -1, 0, h, w); // transversed
            case 8 -> t.setTransform(0, -1, 1, 0, 0, w); // turned 90 degrees anticlockwise to be upright
            default -> {
                return src;
            }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, src.getType());
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Halves the image while it is more than twice too large, then scales once: smooth without being slow. */
    static BufferedImage downscale(BufferedImage image, int maxSide) {
        BufferedImage current = image;
        while (Math.max(current.getWidth(), current.getHeight()) > maxSide) {
            int longer = Math.max(current.getWidth(), current.getHeight());
            double factor = longer > 2 * maxSide ? 0.5 : (double) maxSide / longer;
            int w = Math.max(1, (int) Math.round(current.getWidth() * factor));
            int h = Math.max(1, (int) Math.round(current.getHeight() * factor));
            if (factor != 0.5) {
                // the last step lands exactly on maxSide for the longer side
                if (current.getWidth() >= current.getHeight()) {
                    w = maxSide;
                } else {
                    h = maxSide;
                }
            }
            BufferedImage next = new BufferedImage(w, h, current.getType());
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        }
        return current;
    }

    private static final java.util.concurrent.atomic.AtomicLong ENCODED = new java.util.concurrent.atomic.AtomicLong();

    /**
     * How many images this process has encoded: the exhibition's benchmark reads it before and after a thousand
     * visitors load a gallery, to show that no request re-encodes an image (sizes are made once, at upload).
     */
    public static long encodedSoFar() {
        return ENCODED.get();
    }

    private static byte[] encode(BufferedImage image, Format format) {
        ENCODED.incrementAndGet();
        ImageWriter writer =
                ImageIO.getImageWritersByFormatName(format.imageIoName).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == Format.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality((float) JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
