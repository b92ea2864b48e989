package org.atrium.exhibition;

import static org.atrium.exhibition.ExhibitionApi.gallery;
import static org.atrium.exhibition.ExhibitionApi.upload;
import static org.atrium.exhibition.ExhibitionApi.work;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atrium.common.Images;
import org.atrium.event.Event;
import org.atrium.support.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: run with {@code ./mvnw -B verify -Pbenchmark -Dtest=GalleryPageBenchmark} (see
 * src/docs/benchmarks.md). A gallery of 40 works, each with an image; {@code bench.visitors} (1,000) anonymous visitors
 * arrive at once, each loading the gallery's JSON and its 40 thumbnails, as the grid page does. Prints bytes and time
 * per page, and fails only when an invariant breaks: every answer 200, every visitor got the same bytes for each
 * thumbnail, and no image was encoded while visitors loaded pages (the sizes are served as stored at upload).
 */
@QuarkusTest
@Tag("benchmark")
class GalleryPageBenchmark {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Fixtures fixtures;

    @Test
    void aThousandVisitorsLoadAGalleryOfFortyWorks() throws Exception {
        int visitors = Integer.getInteger("bench.visitors", 1000);
        int works = Integer.getInteger("bench.works", 40);
        int connections = Integer.getInteger("bench.connections", 200);
        Event event = fixtures.publishedEvent();
        long g = gallery(event.slug, "Main hall", "PUBLISHED", "[]");
        for (int i = 0; i < works; i++) {
            long w = work(event.slug, g, "Work " + i, null);
            upload("organiser", event.slug, w, "Work " + i, "image/jpeg", HostileFiles.jpeg(1600 + i, 1000))
                    .statusCode(201);
        }
        String pagePath = "/api/events/" + event.slug + "/galleries/" + g;
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        // warm-up: one visitor
        visit(client, pagePath, new ConcurrentHashMap<>());

        long encodedBefore = Images.encodedSoFar();
        ConcurrentHashMap<String, Integer> thumbHashes = new ConcurrentHashMap<>();
        Semaphore open = new Semaphore(connections);
        long start = System.nanoTime();
        List<Future<long[]>> pages = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int v = 0; v < visitors; v++) {
                pages.add(pool.submit(() -> {
                    open.acquire();
                    try {
                        return visit(client, pagePath, thumbHashes);
                    } finally {
                        open.release();
                    }
                }));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] ms = new long[visitors];
        long bytes = 0;
        long jsonBytes = 0;
        for (int i = 0; i < visitors; i++) {
            long[] r = pages.get(i).get();
            ms[i] = r[0];
            bytes += r[1];
            jsonBytes += r[2];
        }
        Arrays.sort(ms);
        long encodedDuring = Images.encodedSoFar() - encodedBefore;
        System.out.printf(
                "%ngallery page: %d visitors x (1 JSON + %d thumbnails), at most %d requests in flight, %d cores%n"
                        + "  wall %.2f s, %.0f pages/s, %.0f requests/s%n"
                        + "  per page: %.1f KiB (JSON %.1f KiB), time p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n"
                        + "  images encoded while serving: %d; distinct thumbnails served: %d (one body each)%n",
                visitors,
                works,
                connections,
                Runtime.getRuntime().availableProcessors(),
                seconds,
                visitors / seconds,
                visitors * (works + 1) / seconds,
                bytes / (double) visitors / 1024,
                jsonBytes / (double) visitors / 1024,
                ms[visitors / 2],
                ms[visitors * 9 / 10],
                ms[visitors * 99 / 100],
                ms[visitors - 1],
                encodedDuring,
                thumbHashes.size());
        assertEquals(0, encodedDuring, "no image is encoded per request");
        assertEquals(works, thumbHashes.size(), "each thumbnail served with one body to every visitor");
    }

    private static final Pattern THUMB = Pattern.compile("\"thumb\":\"([^\"]+)\"");

    /** One visitor: the gallery's JSON, then its thumbnails one after the other; {ms, bytes, JSON bytes}. */
    private long[] visit(HttpClient client, String pagePath, ConcurrentHashMap<String, Integer> thumbHashes)
            throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> page = client.send(
                HttpRequest.newBuilder(base.resolve(pagePath)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, page.statusCode());
        long bytes = page.body().length;
        long json = bytes;
        Matcher m = THUMB.matcher(new String(page.body(), java.nio.charset.StandardCharsets.UTF_8));
        while (m.find()) {
            HttpResponse<byte[]> thumb = client.send(
                    HttpRequest.newBuilder(base.resolve(m.group(1))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, thumb.statusCode());
            bytes += thumb.body().length;
            int hash = Arrays.hashCode(thumb.body());
            Integer seen = thumbHashes.putIfAbsent(m.group(1), hash);
            if (seen != null) {
                assertEquals(seen.intValue(), hash, "the same bytes for " + m.group(1));
            }
        }
        return new long[] {(System.nanoTime() - start) / 1_000_000, bytes, json};
    }
}
