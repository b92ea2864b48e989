package org.atrium.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import org.atrium.common.DomainException;
import org.atrium.common.StrictJson;

/**
 * A client frame's way in, on the connection's event loop (nothing here blocks): read as JSON, looked up in
 * {@link LiveCommand}, checked (channel, ref, sender's role, payload), counted against its rate bucket, then queued to
 * the room's writer. Anything wrong is answered with an error frame carrying the frame's ref.
 */
@ApplicationScoped
class Intake {

    @Inject
    ObjectMapper json;

    @Inject
    LiveConfig config;

    @Inject
    Clock clock;

    @Inject
    Connections connections;

    @Inject
    RoomWriter writer;

    /** On the connection's event loop, after its join: checks a client frame and queues it to its room's writer. */
    void receive(WebSocketConnection connection, String text) {
        Member member = connections.member(connection.id());
        if (member == null) {
            // not (or no longer) a member: refused, closing, or a frame that overtook its own join; say so, never drop
            connection
                    .sendText(LiveProtocol.error(
                            json, null, "live.not-joined", "Not in the room yet; wait for the snapshot.", Map.of()))
                    .subscribe()
                    .with(v -> {}, e -> {});
            return;
        }
        if (text.length() > config.maxFrameChars()) {
            member.close(LiveProtocol.CLOSE_TOO_BIG, "frame.too-big");
            return;
        }
        String ref = null;
        try {
            JsonNode frame = read(text);
            JsonNode refNode = frame.get("ref");
            if (refNode != null && refNode.isTextual()) {
                ref = refNode.asText();
            }
            JsonNode typeNode = frame.get("type");
            if (typeNode == null || !typeNode.isTextual()) {
                throw Payload.Fields.missing("type");
            }
            String type = typeNode.asText();
            LiveCommand kind = LiveCommand.fromClient(type, Channel.of(member.room));
            if (kind == null) {
                throw new DomainException(400, "message.unknown-type", "Unknown message type '" + type + "'.");
            }
            if (kind.immediate()) {
                member.send(
                        ref == null
                                ? "{\"type\":\"pong\"}"
                                : "{\"type\":\"pong\",\"ref\":" + json.writeValueAsString(ref) + "}");
                return;
            }
            if (kind.tallied()) {
                if (kind.sender == LiveCommand.Sender.MODERATOR && !member.moderator) {
                    throw DomainException.forbidden("Only this room's moderators may do this.");
                }
                Payload.React reaction = (Payload.React) kind.parse(new Payload.Fields(frame, config));
                if (!member.tryReact(clock.millis(), config.reactionsPerSecond())) {
                    throw new DomainException(
                            429,
                            "reaction.rate-limited",
                            "Too many reactions; at most " + config.reactionsPerSecond() + " a second.",
                            Map.of("perSecond", config.reactionsPerSecond()));
                }
                member.room.react(reaction.kind());
                return;
            }
            if (ref == null) {
                throw refNode == null ? Payload.Fields.missing("ref") : Payload.Fields.invalid("ref", "a string");
            }
            if (ref.isEmpty() || ref.length() > 64) {
                throw Payload.Fields.invalid("ref", "1 to 64 characters");
            }
            if (kind.sender == LiveCommand.Sender.MODERATOR && !member.moderator) {
                throw DomainException.forbidden("Only this room's moderators may do this.");
            }
            Payload payload = kind.parse(new Payload.Fields(frame, config));
            limit(member, kind.bucket);
            writer.submit(member.room, new Command(member, kind, ref, payload));
        } catch (DomainException e) {
            member.send(LiveProtocol.error(json, ref, e.code(), e.getMessage(), e.details()));
        } catch (JsonProcessingException e) {
            member.send(LiveProtocol.error(json, ref, "json.malformed", "The frame could not be read.", Map.of()));
        }
    }

    private JsonNode read(String text) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JsonProcessingException e) {
            if (StrictJson.isDuplicateKey(e)) {
                throw new DomainException(400, "json.duplicate-key", "A field is given more than once in the frame.");
            }
            throw new DomainException(400, "json.malformed", "The frame is not well-formed JSON.");
        }
        if (frame == null || !frame.isObject()) {
            throw new DomainException(400, "json.malformed", "A frame must be a JSON object.");
        }
        return frame;
    }

    private void limit(Member member, LiveCommand.RateBucket bucket) {
        if (bucket == LiveCommand.RateBucket.NONE) {
            return;
        }
        int perMinute = bucket.perMinute.apply(config);
        if (!member.room.limits.tryAcquire(member.subject, bucket.kind, perMinute, clock.millis())) {
            throw new DomainException(
                    429,
                    bucket.kind + ".rate-limited",
                    "Too many requests; wait a moment.",
                    Map.of("perMinute", perMinute));
        }
    }
}
