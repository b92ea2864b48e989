package org.atrium.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The demo exhibition's images, painted at start-up with Java2D (no files from elsewhere): abstract works on land,
 * markers and memory. Seeded, so every run paints the same pictures.
 */
final class DemoArtworks {

    static final int WIDTH = 1200;
    static final int HEIGHT = 800;

    private DemoArtworks() {}

    /** Rolling fields under a low sky, crossed by a row of red-and-white marker stakes. */
    static byte[] fieldAfterClearance() {
        return paint(g -> {
            g.setPaint(new GradientPaint(0, 0, new Color(0xd9e4ec), 0, HEIGHT / 2f, new Color(0xf4e9d8)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Random r = new Random(11);
            Color[] greens = {new Color(0x6b8e23), new Color(0x556b2f), new Color(0x8f9d4a), new Color(0x4f6d3a)};
            for (int band = 0; band < 6; band++) {
                Path2D hill = new Path2D.Double();
                double base = HEIGHT * 0.42 + band * 70;
                hill.moveTo(0, base);
                for (int x = 0; x <= WIDTH; x += 40) {
                    hill.lineTo(x, base + Math.sin(x / 170.0 + band) * 22 + r.nextInt(8));
                }
                hill.lineTo(WIDTH, HEIGHT);
                hill.lineTo(0, HEIGHT);
                hill.closePath();
                g.setColor(greens[band % greens.length]);
                g.fill(hill);
            }
            for (int i = 0; i < 9; i++) {
                int x = 140 + i * 115;
                int y = 470 + (i % 3) * 18;
                g.setColor(new Color(0xf5f5f5));
                g.fillRect(x, y - 60, 10, 60);
                g.setColor(new Color(0xc0392b));
                g.fillRect(x, y - 60, 10, 22);
            }
        });
    }

    /** A map grid of a border district, the cleared squares pale, the suspected ones dark, a few still unknown. */
    static byte[] mapOfAbsences() {
        return paint(g -> {
            g.setColor(new Color(0xefe6d2));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Random r = new Random(23);
            int cell = 50;
            for (int x = 0; x < WIDTH; x += cell) {
                for (int y = 0; y < HEIGHT; y += cell) {
                    int v = r.nextInt(10);
                    g.setColor(v < 6 ? new Color(0xe8dcc0) : v < 9 ? new Color(0x8b5a2b) : new Color(0x2c2c2c));
                    g.fillRect(x + 2, y + 2, cell - 4, cell - 4);
                }
            }
            g.setStroke(new BasicStroke(6f));
            g.setColor(new Color(0x1f618d));
            Path2D river = new Path2D.Double();
            river.moveTo(0, 620);
            for (int x = 0; x <= WIDTH; x += 60) {
                river.lineTo(x, 600 - x * 0.3 + Math.sin(x / 90.0) * 30);
            }
            g.draw(river);
        });
    }

    /** Layers of soil, one for each year the land could not be farmed. */
    static byte[] soilLayered() {
        return paint(g -> {
            Random r = new Random(37);
            int y = 0;
            while (y < HEIGHT) {
                int h = 20 + r.nextInt(60);
                int shade = 60 + r.nextInt(110);
                g.setColor(new Color(shade + 40, shade, shade / 2));
                g.fillRect(0, y, WIDTH, h);
                y += h;
            }
            g.setColor(new Color(0xf1c40f));
            for (int i = 0; i < 40; i++) {
                int x = r.nextInt(WIDTH);
                int cy = r.nextInt(HEIGHT);
                g.fillOval(x, cy, 6 + r.nextInt(10), 6 + r.nextInt(10));
            }
        });
    }

    /** A prosthetic limb's outline drawn over and over, fading: the work with the content warning. */
    static byte[] stepsCounted() {
        return paint(g -> {
            g.setColor(new Color(0x1b1b2f));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setStroke(new BasicStroke(4f));
            for (int i = 0; i < 12; i++) {
                g.setColor(new Color(255, 255, 255, 230 - i * 18));
                int x = 150 + i * 75;
                g.drawRoundRect(x, 200, 40, 300, 20, 20);
                g.drawRoundRect(x - 10, 500, 70, 30, 10, 10);
            }
        });
    }

    private interface Painter {
        void paint(Graphics2D g);
    }

    private static byte[] paint(Painter painter) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            painter.paint(g);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
