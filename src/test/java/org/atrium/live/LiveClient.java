package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.atrium.support.Tokens;

/** A real WebSocket client for the live tests (Vert.x): frames in arrival order, close code, upgrade status. */
public final class LiveClient implements AutoCloseable {

    static final Vertx VERTX = Vertx.vertx();
    static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocketClient client;
    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    /** The resume frames, kept apart: each join ends with one, and the tests of other frames need not skip them. */
    private final LinkedBlockingQueue<JsonNode> resumes = new LinkedBlockingQueue<>();

    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private LiveClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> {
            try {
                JsonNode frame = JSON.readTree(text);
                (frame.path("type").asText().equals("resume") ? resumes : frames).add(frame);
            } catch (Exception e) {
                frames.add(JSON.createObjectNode().put("type", "unreadable").put("text", text));
            }
        });
        socket.closeHandler(
                v -> closed.complete(socket.closeStatusCode() == null ? -1 : (int) socket.closeStatusCode()));
    }

    /** Connects with a bearer header (user null: no token). */
    public static LiveClient connect(URI base, String path, String user) {
        return connect(base, path, user == null ? Map.of() : Map.of("Authorization", Tokens.bearer(user)), List.of());
    }

    static LiveClient connect(URI base, String path, Map<String, String> headers, List<String> subProtocols) {
        WebSocketClient client = VERTX.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI(path)
                .setSubProtocols(subProtocols.isEmpty() ? null : subProtocols);
        headers.forEach(options::addHeader);
        // the handlers are attached before the upgrade, so nothing the server sends straight away (a refused join's
        // error and close) can arrive before them and be lost
        ClientWebSocket socket = client.webSocket();
        LiveClient live = new LiveClient(client, socket);
        try {
            socket.connect(options).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            return live;
        } catch (Exception e) {
            client.close();
            throw new RuntimeException(e.getCause() != null ? e.getCause() : e);
        }
    }

    /** The HTTP status of a refused upgrade. */
    static int refusal(URI base, String path, Map<String, String> headers) {
        try (LiveClient c = connect(base, path, headers, List.of())) {
            fail("upgrade was accepted");
            return 0;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw e;
        }
    }

    public void send(String frame) {
        socket.writeTextMessage(frame).toCompletionStage().toCompletableFuture().join();
    }

    void sendBinary(byte[] bytes) {
        socket.writeBinaryMessage(Buffer.buffer(bytes))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
    }

    /** The ticket of the next resume frame (the one that ends a join). */
    String resumeTicket() {
        try {
            JsonNode resume = resumes.poll(20, TimeUnit.SECONDS);
            assertNotNull(resume, "no resume frame arrived");
            return resume.get("ticket").asText();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame other than presence and resume. */
    public JsonNode next() {
        while (true) {
            JsonNode f = poll(20);
            assertNotNull(f, "no frame arrived");
            if (!f.path("type").asText().equals("presence")) {
                return f;
            }
        }
    }

    public JsonNode next(String type) {
        JsonNode f = next();
        assertEquals(type, f.path("type").asText(), () -> "expected " + type + " but got " + f);
        return f;
    }

    /** Sends a command and returns the frame that answers it (ack or error), after checking its ref. */
    public JsonNode command(String frame) {
        send(frame);
        JsonNode answer = next();
        String type = answer.path("type").asText();
        if (!type.equals("ack") && !type.equals("error")) {
            fail("expected ack or error, got " + answer);
        }
        return answer;
    }

    /** Frames (except presence) that arrive within the given time; used only to show that nothing else came. */
    List<JsonNode> drain(long millis) {
        List<JsonNode> out = new ArrayList<>();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            JsonNode f = poll(Math.max(1, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (f != null && !f.path("type").asText().equals("presence")) {
                out.add(f);
            }
        }
        return out;
    }

    /** The frames (presence included) that have arrived and not been taken yet, without waiting. */
    List<JsonNode> arrived() {
        List<JsonNode> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    JsonNode poll(long seconds) {
        return poll(seconds * 1000, TimeUnit.MILLISECONDS);
    }

    private JsonNode poll(long amount, TimeUnit unit) {
        try {
            return frames.poll(amount, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int awaitClose() {
        try {
            return closed.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection was not closed", e);
        }
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.close();
        }
        client.close();
    }
}
