package org.atrium.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The kept renderings' rules, without a server: generations, sharing and the two bounds. */
class PublicRenderingsTest {

    final AtomicInteger renders = new AtomicInteger();

    static PublicRenderings renderings(int maxBodies, long maxBytes) {
        PublicRenderings renderings = new PublicRenderings();
        renderings.bounds = (Bounds) Proxy.newProxyInstance(
                Bounds.class.getClassLoader(),
                new Class<?>[] {Bounds.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "publicRenderings" -> maxBodies;
                    case "publicRenderingsBytes" -> maxBytes;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return renderings;
    }

    PublicRenderings.Rendered get(PublicRenderings renderings, String key, int size, boolean shared) {
        return renderings.get(key, () -> {
            renders.incrementAndGet();
            byte[] body = "x".repeat(size).getBytes(StandardCharsets.UTF_8);
            return new PublicRenderings.Shareable(PublicRenderings.Rendered.of(body, "application/json"), shared);
        });
    }

    @Test
    void aSharedRenderingIsKeptUntilTheGenerationMoves() {
        PublicRenderings renderings = renderings(10, 1000);
        PublicRenderings.Rendered first = get(renderings, "a", 10, true);
        assertSame(first, get(renderings, "a", 10, true));
        assertEquals(1, renders.get());
        renderings.dropLocal();
        get(renderings, "a", 10, true);
        assertEquals(2, renders.get());
    }

    @Test
    void aRenderingWhoseReadsRacedWithACommitIsNeverServed() {
        PublicRenderings renderings = renderings(10, 1000);
        renderings.get("a", () -> {
            renders.incrementAndGet();
            renderings.dropLocal(); // a change commits while this rendering reads its rows
            return new PublicRenderings.Shareable(
                    PublicRenderings.Rendered.of("old".getBytes(StandardCharsets.UTF_8), "application/json"), true);
        });
        PublicRenderings.Rendered next = get(renderings, "a", 3, true);
        assertEquals(2, renders.get(), "the raced rendering was not served");
        assertEquals("xxx", new String(next.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aRenderingForOneCallerOnlyIsNeverKept() {
        PublicRenderings renderings = renderings(10, 1000);
        get(renderings, "draft", 10, false);
        get(renderings, "draft", 10, false);
        assertEquals(2, renders.get());
    }

    @Test
    void crossingEitherBoundDropsAllAndABodyOverTheByteBoundIsNeverKept() {
        PublicRenderings renderings = renderings(2, 100);
        get(renderings, "a", 10, true);
        get(renderings, "b", 10, true);
        get(renderings, "c", 10, true); // a third body: a and b are dropped
        assertEquals(3, renders.get());
        get(renderings, "c", 10, true);
        assertEquals(3, renders.get(), "c is kept");
        get(renderings, "a", 10, true);
        assertEquals(4, renders.get(), "a was dropped");

        PublicRenderings bytes = renderings(10, 100);
        get(bytes, "a", 60, true);
        get(bytes, "b", 60, true); // 120 bytes would cross 100: a is dropped
        get(bytes, "b", 60, true);
        assertEquals(6, renders.get(), "b is kept");
        get(bytes, "a", 60, true);
        assertEquals(7, renders.get(), "a was dropped");
        get(bytes, "big", 101, true);
        get(bytes, "big", 101, true);
        assertEquals(9, renders.get(), "a body over the byte bound is rendered each time");
    }
}
