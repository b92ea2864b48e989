package org.atrium.common;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The one place uploads are checked and re-encoded: what comes out is only pixels, whatever went in. Inputs are built
 * byte by byte where the point is what a hostile file carries (metadata, appended payloads, a declared giant canvas).
 */
class ImagesTest {

    static final Images.Limits LIMITS = new Images.Limits(1 << 20, 40_000_000L, 1024);

    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 30, 30));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(20, 40, 200));
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    static byte[] encoded(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A PNG chunk with its length and CRC, as RFC 2083 lays it out. */
    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** {@code png} with {@code extra} inserted right after its IHDR chunk (8-byte signature + 25-byte IHDR). */
    static byte[] afterIhdr(byte[] png, byte[] extra) {
        byte[] out = new byte[png.length + extra.length];
        System.arraycopy(png, 0, out, 0, 33);
        System.arraycopy(extra, 0, out, 33, extra.length);
        System.arraycopy(png, 33, out, 33 + extra.length, png.length - 33);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    static BufferedImage read(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    static DomainException refused(byte[] data, Images.Limits limits) {
        return assertThrows(DomainException.class, () -> Images.normalise(data, limits));
    }

    @Test
    void aPngKeepsItsPixelsAndLosesItsTextChunksAndAppendedPayload() throws IOException {
        byte[] clean = encoded(picture(40, 20), "png");
        byte[] withText =
                afterIhdr(clean, chunk("tEXt", "Comment\0GPS 40.4093N 49.8671E".getBytes(StandardCharsets.ISO_8859_1)));
        byte[] polyglot =
                concat(withText, "<html><script>alert(document.cookie)</script>".getBytes(StandardCharsets.US_ASCII));
        assertThat(contains(polyglot, "GPS 40.4093N"), equalTo(true));

        Images.Processed out = Images.normalise(polyglot, LIMITS);

        assertThat(out.format(), equalTo(Images.Format.PNG));
        assertThat(contains(out.bytes(), "GPS"), equalTo(false));
        assertThat(contains(out.bytes(), "<script"), equalTo(false));
        assertThat(contains(out.bytes(), "tEXt"), equalTo(false));
        BufferedImage back = read(out.bytes());
        assertThat(back.getWidth() + "x" + back.getHeight(), equalTo("40x20"));
        assertThat(new Color(back.getRGB(5, 5)), equalTo(new Color(200, 30, 30)));
        assertThat(new Color(back.getRGB(35, 5)), equalTo(new Color(20, 40, 200)));
        assertThat(out.sha256().length(), equalTo(64));
    }

    @Test
    void aJpegLosesItsExifAndGpsSegment() throws IOException {
        byte[] clean = encoded(picture(64, 48), "jpeg");
        byte[] exifBody = concat(
                "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1),
                "MM\0*\0\0\0\bGPSLatitude=40.4093N;GPSLongitude=49.8671E".getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer app1 = ByteBuffer.allocate(4 + exifBody.length);
        app1.put((byte) 0xFF)
                .put((byte) 0xE1)
                .putShort((short) (2 + exifBody.length))
                .put(exifBody);
        byte[] withExif = new byte[clean.length + app1.capacity()];
        System.arraycopy(clean, 0, withExif, 0, 2); // SOI
        System.arraycopy(app1.array(), 0, withExif, 2, app1.capacity());
        System.arraycopy(clean, 2, withExif, 2 + app1.capacity(), clean.length - 2);
        assertThat(read(withExif).getWidth(), equalTo(64)); // still a valid JPEG with its EXIF

        Images.Processed out = Images.normalise(withExif, LIMITS);

        assertThat(out.format(), equalTo(Images.Format.JPEG));
        assertThat(contains(out.bytes(), "Exif"), equalTo(false));
        assertThat(contains(out.bytes(), "GPSLatitude"), equalTo(false));
        BufferedImage back = read(out.bytes());
        assertThat(back.getWidth() + "x" + back.getHeight(), equalTo("64x48"));
        Color left = new Color(back.getRGB(8, 24));
        assertThat(left.getRed() > 170 && left.getBlue() < 70, equalTo(true));
    }

    @Test
    void aLargeImageIsDownscaledToTheLongestSide() throws IOException {
        Images.Processed wide = Images.normalise(encoded(picture(3000, 1500), "png"), LIMITS);
        assertThat(wide.width() + "x" + wide.height(), equalTo("1024x512"));
        BufferedImage back = read(wide.bytes());
        assertThat(back.getWidth() + "x" + back.getHeight(), equalTo("1024x512"));
        assertThat(new Color(back.getRGB(100, 256)), equalTo(new Color(200, 30, 30)));

        Images.Processed tall = Images.normalise(encoded(picture(700, 1400), "jpeg"), LIMITS);
        assertThat(tall.width() + "x" + tall.height(), equalTo("512x1024"));
    }

    @Test
    void aHugeUploadIsDecodedSubsampledNotWhole() throws IOException {
        BufferedImage big = new BufferedImage(6000, 6000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setColor(new Color(20, 120, 60));
        g.fillRect(0, 0, 6000, 6000);
        g.dispose();
        byte[] png = encoded(big, "png");
        big = null;

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        Images.Processed stored = Images.normalise(png, LIMITS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.printf(
                "6000x6000 PNG (%d bytes) -> %dx%d in %d ms, %d MB allocated%n",
                png.length,
                stored.width(),
                stored.height(),
                (System.nanoTime() - started) / 1_000_000,
                allocated >> 20);

        assertThat(stored.width() + "x" + stored.height(), equalTo("1024x1024"));
        assertThat(new Color(read(stored.bytes()).getRGB(512, 512)), equalTo(new Color(20, 120, 60)));
        // decoded whole, 36 megapixels are over 100 MB as 3-byte BGR and 144 MB more as the clean RGB copy; subsampled
        // to at most 2048 pixels a side, the whole upload costs a few tens of MB
        assertThat("MB allocated", allocated >> 20 < 80, equalTo(true));
        assertThat(Images.subsampling(6000, 6000, 1024), equalTo(3));
        assertThat(Images.subsampling(2048, 100, 1024), equalTo(1));
        assertThat(Images.subsampling(100, 2049, 1024), equalTo(2));
    }

    @Test
    void aDeclaredGiantCanvasIsRefusedFromItsHeaderBeforeDecoding() {
        // a valid signature and IHDR of 50,000 x 50,000 (2.5 gigapixels) followed by a few bytes that are no image
        // data at all: decoding would fail differently (or exhaust memory); the header check answers first
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(50_000)
                .putInt(50_000)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        byte[] bomb = concat(
                concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, chunk("IHDR", ihdr.array())),
                concat(chunk("IDAT", new byte[] {1, 2, 3}), chunk("IEND", new byte[0])));

        DomainException e = refused(bomb, LIMITS);

        assertThat(e.code(), equalTo("upload.too-many-pixels"));
        assertThat(e.status(), equalTo(413));
        assertThat(e.details().get("width"), equalTo(50_000));
        assertThat(e.details().get("limit"), equalTo(40_000_000L));
    }

    @Test
    void onlyPngAndJpegAreAcceptedWhateverTheFileClaims() {
        byte[] webp = concat("RIFF\u0024\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), new byte[24]);
        DomainException e = refused(webp, LIMITS);
        assertThat(e.code(), equalTo("upload.unsupported-type"));
        assertThat(e.status(), equalTo(415));
        assertThat(e.getMessage(), containsString("WebP"));

        assertThat(refused(encoded(picture(4, 4), "gif"), LIMITS).code(), equalTo("upload.unsupported-type"));
        assertThat(
                refused(
                                "<svg xmlns='http://www.w3.org/2000/svg'><script>1</script></svg>"
                                        .getBytes(StandardCharsets.UTF_8),
                                LIMITS)
                        .code(),
                equalTo("upload.unsupported-type"));
        assertThat(refused(new byte[0], LIMITS).code(), equalTo("upload.empty"));
    }

    @Test
    void aDamagedImageIsUnreadableAndAnOversizedOneTooLarge() {
        byte[] png = encoded(picture(200, 100), "png");
        DomainException truncated = refused(Arrays.copyOf(png, 60), LIMITS);
        assertThat(truncated.code(), equalTo("upload.unreadable"));
        assertThat(truncated.status(), equalTo(400));

        DomainException big = refused(png, new Images.Limits(png.length - 1, 40_000_000L, 1024));
        assertThat(big.code(), equalTo("upload.too-large"));
        assertThat(big.status(), equalTo(413));
        assertThat(big.details().get("limit"), equalTo(png.length - 1));
        assertThat(
                Images.normalise(png, new Images.Limits(png.length, 40_000_000L, 1024))
                        .width(),
                not(equalTo(0)));
    }

    /** A JPEG with an APP1 Exif segment whose IFD0 holds only the orientation tag, in the given byte order. */
    static byte[] jpegWithOrientation(BufferedImage image, int orientation, boolean littleEndian) {
        byte[] clean = encoded(image, "jpeg");
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4)
                .order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put((byte) (littleEndian ? 'I' : 'M'))
                .put((byte) (littleEndian ? 'I' : 'M'))
                .putShort((short) 42)
                .putInt(8);
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
        ByteBuffer app1 = ByteBuffer.allocate(4 + exif.length);
        app1.put((byte) 0xFF)
                .put((byte) 0xE1)
                .putShort((short) (2 + exif.length))
                .put(exif);
        byte[] out = new byte[clean.length + app1.capacity()];
        System.arraycopy(clean, 0, out, 0, 2);
        System.arraycopy(app1.array(), 0, out, 2, app1.capacity());
        System.arraycopy(clean, 2, out, 2 + app1.capacity(), clean.length - 2);
        return out;
    }

    static String colourAt(BufferedImage image, int x, int y) {
        Color c = new Color(image.getRGB(x, y));
        return c.getRed() > 150 && c.getBlue() < 100 ? "red" : c.getBlue() > 150 && c.getRed() < 100 ? "blue" : "other";
    }

    @Test
    void aPhonePhotoIsTurnedUprightBeforeItsOrientationTagIsDropped() throws IOException {
        // stored 60 x 20, red on the left, blue on the right
        BufferedImage stored = picture(60, 20);

        // 6: to be shown turned 90 degrees clockwise: the left edge becomes the top
        BufferedImage cw = read(
                Images.normalise(jpegWithOrientation(stored, 6, false), LIMITS).bytes());
        assertThat(cw.getWidth() + "x" + cw.getHeight(), equalTo("20x60"));
        assertThat(colourAt(cw, 10, 5) + "/" + colourAt(cw, 10, 55), equalTo("red/blue"));

        // 8: anticlockwise, in Intel byte order: the left edge becomes the bottom
        BufferedImage ccw = read(
                Images.normalise(jpegWithOrientation(stored, 8, true), LIMITS).bytes());
        assertThat(ccw.getWidth() + "x" + ccw.getHeight(), equalTo("20x60"));
        assertThat(colourAt(ccw, 10, 5) + "/" + colourAt(ccw, 10, 55), equalTo("blue/red"));

        // 3: upside down: left and right swap, the size stays
        BufferedImage half = read(
                Images.normalise(jpegWithOrientation(stored, 3, false), LIMITS).bytes());
        assertThat(half.getWidth() + "x" + half.getHeight(), equalTo("60x20"));
        assertThat(colourAt(half, 5, 10) + "/" + colourAt(half, 55, 10), equalTo("blue/red"));

        // 1 and no tag: as stored
        BufferedImage upright = read(
                Images.normalise(jpegWithOrientation(stored, 1, false), LIMITS).bytes());
        assertThat(colourAt(upright, 5, 10) + "/" + colourAt(upright, 55, 10), equalTo("red/blue"));
    }
}
