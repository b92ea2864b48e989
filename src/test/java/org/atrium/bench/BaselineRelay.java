package org.atrium.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's yardstick: a bare Vert.x WebSocket broadcast relay for one room speaking the live protocol's chat
 * subset (snapshot on join, {@code chat.post} in, {@code ack} to the sender, {@code chat.posted} to everyone) with no
 * authentication and no storage. It sends the way a careful relay does: each message serialised once, handed once to
 * each event loop, where a registry of that loop's connections writes it; stamping the sequence number and handing
 * over happen under one lock so every connection sees the order of the sequence numbers.
 */
public final class BaselineRelay {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The connections of one event loop; only touched on that loop. */
    private static final class Loop {
        final Context context;
        final List<ServerWebSocket> members = new ArrayList<>();

        Loop(Context context) {
            this.context = context;
        }

        void deliver(byte[] frame) {
            for (int i = 0, n = members.size(); i < n; i++) {
                members.get(i)
                        .writeFrame(
                                new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(frame), true));
            }
        }
    }

    private final List<Loop> loops = new CopyOnWriteArrayList<>();
    private final AtomicInteger present = new AtomicInteger();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final Object order = new Object();
    private long seq;

    private final class RelayVerticle extends AbstractVerticle {
        private final int port;

        RelayVerticle(int port) {
            this.port = port;
        }

        @Override
        public void start(Promise<Void> started) {
            Loop loop = new Loop(context);
            loops.add(loop);
            vertx.createHttpServer(new HttpServerOptions()
                            .setHost("127.0.0.1")
                            .setPort(port)
                            .setMaxWebSocketFrameSize(64 * 1024)
                            .setTcpNoDelay(true)
                            .setAcceptBacklog(8192))
                    .webSocketHandler(ws -> join(loop, ws))
                    .requestHandler(req -> req.response().end("baseline relay"))
                    .listen()
                    .<Void>mapEmpty()
                    .onComplete(started);
        }
    }

    private void join(Loop loop, ServerWebSocket ws) {
        String author = "anon-" + connectionIds.incrementAndGet();
        loop.members.add(ws);
        int count = present.incrementAndGet();
        ws.closeHandler(v -> {
            loop.members.remove(ws);
            present.decrementAndGet();
        });
        ws.exceptionHandler(e -> {});
        ws.textMessageHandler(text -> onMessage(ws, author, text));
        long current;
        synchronized (order) {
            current = seq;
        }
        ws.writeTextMessage("{\"type\":\"snapshot\",\"seq\":" + current + ",\"present\":" + count
                + ",\"questions\":[],\"chat\":[]}");
    }

    private void onMessage(ServerWebSocket ws, String author, String text) {
        JsonNode in;
        try {
            in = JSON.readTree(text);
        } catch (IOException e) {
            ws.writeTextMessage("{\"type\":\"error\",\"code\":\"message.malformed\",\"message\":\"not JSON\"}");
            return;
        }
        String ref = in.path("ref").asText(null);
        if (!"chat.post".equals(in.path("type").asText())
                || ref == null
                || !in.path("text").isTextual()) {
            ws.writeTextMessage(
                    "{\"type\":\"error\",\"code\":\"message.unknown\",\"message\":\"only chat.post\",\"ref\":"
                            + JSON.valueToTree(ref) + "}");
            return;
        }
        String body = in.get("text").asText();
        long stamped;
        synchronized (order) {
            stamped = ++seq;
            byte[] frame = posted(stamped, author, body);
            for (Loop loop : loops) {
                loop.context.runOnContext(v -> loop.deliver(frame));
            }
        }
        ws.writeTextMessage("{\"type\":\"ack\",\"ref\":" + JSON.valueToTree(ref) + ",\"seq\":" + stamped + "}");
    }

    private static byte[] posted(long seq, String author, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + text.length());
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "chat.posted");
            g.writeNumberField("seq", seq);
            g.writeObjectFieldStart("message");
            g.writeNumberField("id", seq);
            g.writeObjectFieldStart("author");
            g.writeStringField("subject", author);
            g.writeStringField("name", author);
            g.writeEndObject();
            g.writeStringField("text", text);
            g.writeStringField("at", Instant.now().toString());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Starts the relay on 127.0.0.1:{@code port} with one verticle per event loop; close the returned Vert.x to stop. */
    public static Vertx start(int port, int eventLoops) throws Exception {
        Vertx vertx =
                Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(true));
        BaselineRelay relay = new BaselineRelay();
        for (int i = 0; i < eventLoops; i++) {
            vertx.deployVerticle(relay.new RelayVerticle(port), new DeploymentOptions())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get();
        }
        return vertx;
    }

    /** Starts the relay: {@code --port=P [--event-loops=K]}; prints {@code BASELINE READY} when listening. */
    public static void main(String... args) throws Exception {
        Map<String, String> a = LoadGenerator.parse(args);
        int port = Integer.parseInt(a.getOrDefault("port", "8090"));
        int loops = Integer.parseInt(a.getOrDefault(
                "event-loops", String.valueOf(2 * Runtime.getRuntime().availableProcessors())));
        Vertx vertx = start(port, loops);
        System.out.println("BASELINE READY port=" + port + " event-loops=" + loops + " native="
                + vertx.isNativeTransportEnabled());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(vertx::close));
        Thread.currentThread().join();
    }
}
