package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pre-encoded frames fan-out shares (what a WebSocket client's decoder reads back from them), and which rendering
 * of an event each reader gets.
 */
class DeliveryTest {

    @Test
    void framesDecodeToTheirTextAtEveryLengthEncoding() {
        for (int length : new int[] {0, 125, 126, 65535, 65536, 200_000}) {
            String text = "é".repeat(length / 2) + "x".repeat(length % 2);
            Delivery d = new Delivery(7, text, "alice", false).framed();
            assertEquals(text, decode(Delivery.frame(d.renderingFor("bob", false))), "length " + length);
        }
    }

    @Test
    void eachMemberGetsItsRenderingAndItsOwnReadPosition() {
        Delivery.Rendering full = new Delivery.Rendering("{\"full\":1}");
        Delivery d = new Delivery(
                        3, "alice", false, full, new Delivery.Rendering("{\"redacted\":1}"), Map.of("alice", full))
                .framed();
        ByteBuf first = Delivery.frame(d.renderingFor("bob", false));
        assertEquals("{\"redacted\":1}", decode(first));
        assertFalse(first.isReadable());
        assertEquals(
                "{\"redacted\":1}",
                decode(Delivery.frame(d.renderingFor("bob", false))),
                "a second view still reads the whole frame");
        assertEquals("{\"full\":1}", decode(Delivery.frame(d.renderingFor("carol", true))));
        assertSame(d.full(), d.renderingFor("alice", false), "one encoded frame per distinct rendering");
        assertSame(d, d.framed());
    }

    @Test
    void aQuestionEmbeddedInAnotherAccountsEventShowsItsAnonymousAuthorOnlyToThatAuthorAndOrganisers() {
        // a merge is owned by the duplicate's author (bob) and embeds the target question, asked anonymously by alice
        ObjectMapper json = new ObjectMapper();
        ObjectNode event =
                json.createObjectNode().put("type", "question.merged").put("seq", 9);
        event.put("questionId", 2);
        ObjectNode into = event.putObject("into").put("id", 1).put("anonymous", true);
        into.putObject("author").put("subject", "alice").put("name", "Alice");
        Delivery d = LiveProtocol.render(json, event, 9, "bob", false).framed();

        assertTrue(read(d, "bob", false).at("/into/author").isNull(), "the duplicate's author");
        assertTrue(read(d, "carol", false).at("/into/author").isNull(), "another participant");
        assertEquals("alice", read(d, "alice", false).at("/into/author/subject").asText(), "the asker");
        assertEquals("alice", read(d, "org", true).at("/into/author/subject").asText(), "an organiser");
    }

    @Test
    void anEventWithTwoAnonymousAuthorsShowsEachOnlyTheirOwn() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode event = json.createObjectNode().put("type", "test").put("seq", 1);
        ArrayNode questions = event.putArray("questions");
        for (String author : List.of("alice", "bob")) {
            ObjectNode q = questions.addObject().put("anonymous", true);
            q.putObject("author").put("subject", author).put("name", author);
        }
        Delivery d = LiveProtocol.render(json, event, 1, null, false).framed();
        assertEquals(
                "alice",
                read(d, "alice", false).at("/questions/0/author/subject").asText());
        assertTrue(read(d, "alice", false).at("/questions/1/author").isNull());
        assertTrue(read(d, "bob", false).at("/questions/0/author").isNull());
        assertEquals(
                "bob", read(d, "bob", false).at("/questions/1/author/subject").asText());
        assertTrue(read(d, "carol", false).at("/questions/0/author").isNull());
        assertEquals(
                "bob", read(d, "carol", true).at("/questions/1/author/subject").asText());
    }

    /** What a reader's client decodes from the shared frame, checked against the rendering's text. */
    private static JsonNode read(Delivery d, String subject, boolean organiser) {
        Delivery.Rendering r = d.renderingFor(subject, organiser);
        String text = decode(Delivery.frame(r));
        assertEquals(r.text(), text);
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String decode(ByteBuf frame) {
        // a client reads unmasked server frames
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false)
                .maxFramePayloadLength(1 << 20)
                .build()));
        client.writeInbound(frame);
        TextWebSocketFrame text = client.readInbound();
        try {
            return text.text();
        } finally {
            text.release();
            client.finishAndReleaseAll();
        }
    }
}
