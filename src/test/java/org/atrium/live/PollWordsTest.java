package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How text answers become words of a cloud. */
class PollWordsTest {

    @Test
    void answersAreFoldedSplitAndCountedOncePerAnswer() {
        assertEquals(List.of("clear", "skies"), List.copyOf(PollWords.of("Clear SKIES, clear!")));
        // full-width letters (NFKC) and case fold to the same word; one-letter words and punctuation drop out
        assertEquals(List.of("hope", "über"), List.copyOf(PollWords.of("ＨＯＰＥ — a Über!!")));
        assertEquals(List.of(), List.copyOf(PollWords.of("?! - x")));
        assertEquals("big spoiler", PollWords.normalise("big ＳＰＯＩＬＥＲ"));
    }
}
