package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The colour tokens at the top of app.css, checked pair by pair with the WCAG 2 contrast formula (computed here, not
 * by the browser): text at least 4.5:1 on each background it is used on, focus rings and form borders at least 3:1.
 * axe-core checks the rendered pages; this checks the palette itself, including pairs no test page happens to show.
 */
class ColourTokensTest {

    static final Path CSS = Path.of("src/main/resources/META-INF/resources/app.css");
    static final Pattern HEX = Pattern.compile("--([a-z-]+):\\s*(#[0-9a-fA-F]{6})\\s*;");
    static final Pattern MIX =
            Pattern.compile("--([a-z-]+):\\s*color-mix\\(in srgb, var\\(--([a-z-]+)\\) (\\d+)%, white\\)");

    @Test
    void everyTextAndBackgroundPairOfThePaletteIsReadable() throws IOException {
        Map<String, double[]> c = tokens();
        String[][] text = {
            {"ink", "surface"},
            {"ink", "canvas"},
            {"ink", "surface-sunken"},
            {"ink", "pin"},
            {"ink-muted", "surface"},
            {"ink-muted", "canvas"},
            {"ink-muted", "surface-sunken"},
            {"ink-muted", "pin"},
            {"accent-fg", "accent"},
            {"accent-fg", "accent-hover"},
            {"accent", "surface"},
            {"accent", "canvas"},
            {"accent", "accent-soft"},
            {"ok", "ok-soft"},
            {"warn", "warn-soft"},
            {"err", "err-soft"},
            {"err", "surface"},
            {"ok", "surface"},
            {"warn", "surface"},
            {"warn", "pin"},
            {"header-fg", "header"},
            {"header-muted", "header"},
        };
        String[][] nonText = {
            {"focus-ring", "canvas"}, {"focus-ring", "surface"}, {"focus-ring", "header"}, {"line-strong", "surface"},
        };
        List<String> failing = new ArrayList<>();
        check(c, text, 4.5, failing);
        check(c, nonText, 3.0, failing);
        assertThat(String.join("\n", failing), failing, empty());
    }

    private static void check(Map<String, double[]> c, String[][] pairs, double min, List<String> failing) {
        for (String[] p : pairs) {
            double ratio = contrast(require(c, p[0]), require(c, p[1]));
            if (ratio < min) {
                failing.add("--%s on --%s: %.2f:1 (at least %.1f:1)".formatted(p[0], p[1], ratio, min));
            }
        }
    }

    private static double[] require(Map<String, double[]> c, String name) {
        double[] rgb = c.get(name);
        if (rgb == null) {
            throw new AssertionError("no colour token --" + name + " in " + CSS);
        }
        return rgb;
    }

    /** The tokens in :root: hex values, and color-mix(in srgb, var(--x) N%, white) resolved as CSS does. */
    static Map<String, double[]> tokens() throws IOException {
        String css = Files.readString(CSS);
        String root = css.substring(css.indexOf(":root {"), css.indexOf("}", css.indexOf(":root {")));
        Map<String, double[]> c = new HashMap<>();
        Matcher m = HEX.matcher(root);
        while (m.find()) {
            String hex = m.group(2);
            c.put(m.group(1), new double[] {
                Integer.parseInt(hex.substring(1, 3), 16),
                Integer.parseInt(hex.substring(3, 5), 16),
                Integer.parseInt(hex.substring(5, 7), 16)
            });
        }
        Matcher mix = MIX.matcher(root);
        while (mix.find()) {
            double[] base = require(c, mix.group(2));
            double p = Integer.parseInt(mix.group(3)) / 100.0;
            c.put(mix.group(1), new double[] {
                base[0] * p + 255 * (1 - p), base[1] * p + 255 * (1 - p), base[2] * p + 255 * (1 - p)
            });
        }
        Matcher black = Pattern.compile("--([a-z-]+):\\s*color-mix\\(in srgb, var\\(--([a-z-]+)\\) (\\d+)%, black\\)")
                .matcher(root);
        while (black.find()) {
            double[] base = require(c, black.group(2));
            double p = Integer.parseInt(black.group(3)) / 100.0;
            c.put(black.group(1), new double[] {base[0] * p, base[1] * p, base[2] * p});
        }
        return c;
    }

    /** WCAG 2.x: (L1 + 0.05) / (L2 + 0.05) with relative luminance from sRGB. */
    static double contrast(double[] a, double[] b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(double[] rgb) {
        double[] l = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = rgb[i] / 255.0;
            l[i] = s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    }
}
