package org.atrium.live;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How a text poll's answers become words of its cloud: NFKC-normalised, case-folded, split on anything that is not a
 * letter or digit; each word counts once per answer. Banned words are refused before (as in chat).
 */
final class PollWords {

    /** Words of an answer that count (longer ones are cut, one-letter ones dropped). */
    static final int MAX_WORD = 40;

    private PollWords() {}

    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return folded.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** The distinct words of an answer, in order. */
    static Set<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        String normal = normalise(text);
        if (normal.isEmpty()) {
            return words;
        }
        for (String w : normal.split(" ")) {
            if (w.codePointCount(0, w.length()) < 2) {
                continue;
            }
            words.add(w.length() > MAX_WORD ? w.substring(0, MAX_WORD) : w);
        }
        return words;
    }
}
