package org.atrium.registration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atrium.support.Tokens;

/**
 * Fires many HTTP calls at once from many client threads (all released together by one latch), each as its own
 * account with a real token, and keeps every answer with its latency. Used by the concurrency tests and the
 * benchmark.
 */
final class Burst {

    /** One call: {@code POST} or {@code DELETE} on a path, as {@code user}. */
    record Call(String user, String method, String path) {}

    record Answer(Call call, int status, Long id, String state, long nanos) {}

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z]+)\"");

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();

    private Burst() {}

    /** Fetches the tokens of all users first (in parallel), so the burst itself only talks to Atrium. */
    static void tokens(List<String> users, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> f = new ArrayList<>();
            for (String u : users) {
                f.add(pool.submit(() -> Tokens.of(u)));
            }
            for (Future<String> x : f) {
                x.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    static List<Answer> fire(URI base, List<Call> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (Call call : calls) {
                String token = Tokens.of(call.user());
                futures.add(pool.submit((Callable<Answer>) () -> {
                    go.await();
                    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(call.path()))
                            .timeout(Duration.ofSeconds(120))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json");
                    request = call.method().equals("POST")
                            ? request.POST(HttpRequest.BodyPublishers.ofString("{}"))
                            : request.method(call.method(), HttpRequest.BodyPublishers.noBody());
                    long start = System.nanoTime();
                    HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    long nanos = System.nanoTime() - start;
                    Matcher id = ID.matcher(response.body());
                    Matcher state = STATE.matcher(response.body());
                    return new Answer(
                            call,
                            response.statusCode(),
                            id.find() ? Long.valueOf(id.group(1)) : null,
                            state.find() ? state.group(1) : response.body(),
                            nanos);
                }));
            }
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    static Call register(String slug, String user) {
        return new Call(user, "POST", "api/events/" + slug + "/registration");
    }

    static Call cancel(String slug, String user) {
        return new Call(user, "DELETE", "api/events/" + slug + "/registration");
    }
}
