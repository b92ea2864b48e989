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
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Every uploaded image goes through here once: bounded in bytes, its type sniffed from its first bytes (never from
 * what the client declares), its dimensions read from the header and bounded before anything is decoded (a small
 * file can declare a huge canvas: a decompression bomb), then decoded, downscaled to at most {@code maxSide} pixels
 * on its longer side, and encoded afresh. What is stored is only the pixels: EXIF and GPS metadata, comments, colour
 * profiles and anything appended or hidden in the file (a polyglot that is also HTML or a script) are gone.
 *
 * <p>PNG and JPEG only: the JDK's ImageIO has no WebP (or AVIF) reader, so those are refused as unsupported rather
 * than stored undecoded. PNG stays PNG (keeps transparency), JPEG stays JPEG.
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
        BufferedImage pixels = downscale(clean(decoded, format), limits.maxSide());
        byte[] encoded = encode(pixels, format);
        return new Processed(format, encoded, pixels.getWidth(), pixels.getHeight(), sha256(encoded));
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
            return reader.read(0);
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(format);
        } finally {
            reader.dispose();
        }
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

    private static byte[] encode(BufferedImage image, Format format) {
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

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
