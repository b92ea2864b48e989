package org.atrium.event;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An event's accent colour, checked for WCAG 2.x contrast against everything it meets on the event's pages before it
 * is accepted: white text on accent buttons, accent links and text on the page background and on cards, and accent
 * text on its own light tint (badges, highlighted rows; {@link #tint}). Each pair must reach 4.5:1 (success criterion
 * 1.4.3, normal text); the browser applies the colour as the {@code --accent} and {@code --accent-soft} CSS custom
 * properties, computing the tint exactly as here.
 */
final class Branding {

    static final double MINIMUM = 4.5;

    /** The fixed surfaces the accent is used with: app.css's --surface and --canvas (BrandingTest reads them). */
    static final Map<String, String> SURFACES = surfaces();

    private static Map<String, String> surfaces() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("white (button text, cards)", "#ffffff");
        s.put("the page background", "#f5f4f0");
        return s;
    }

    /** The share of the accent in its light tint ({@code --accent-soft}), the rest white. */
    static final double TINT_SHARE = 0.10;

    private Branding() {}

    /** The lowest contrast of {@code accent} with any surface it meets, and which surface that is. */
    record Weakest(String against, double ratio) {}

    static Weakest weakest(String accent) {
        String worstName = null;
        double worst = Double.MAX_VALUE;
        Map<String, String> all = new LinkedHashMap<>(SURFACES);
        all.put("its own light tint (badges)", tint(accent));
        for (var e : all.entrySet()) {
            double r = contrast(accent, e.getValue());
            if (r < worst) {
                worst = r;
                worstName = e.getKey();
            }
        }
        return new Weakest(worstName, worst);
    }

    /** {@code #rrggbb} mixed with white, {@link #TINT_SHARE} of the colour; what the browser sets as --accent-soft. */
    static String tint(String hex) {
        int[] c = rgb(hex);
        StringBuilder out = new StringBuilder("#");
        for (int v : c) {
            int mixed = (int) Math.round(255 * (1 - TINT_SHARE) + v * TINT_SHARE);
            out.append(String.format(Locale.ROOT, "%02x", mixed));
        }
        return out.toString();
    }

    /** WCAG 2.x contrast ratio of two {@code #rrggbb} colours, from 1 to 21. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG 2.x relative luminance. */
    static double luminance(String hex) {
        int[] c = rgb(hex);
        double[] lin = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = c[i] / 255.0;
            lin[i] = s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
    }

    private static int[] rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return new int[] {(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF};
    }
}
