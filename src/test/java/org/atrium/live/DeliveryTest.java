package org.atrium.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.junit.jupiter.api.Test;

/** The pre-encoded frames fan-out shares: what a WebSocket client's decoder reads back from them. */
class DeliveryTest {

    @Test
    void framesDecodeToTheirTextAtEveryLengthEncoding() {
        for (int length : new int[] {0, 125, 126, 65535, 65536, 200_000}) {
            String text = "é".repeat(length / 2) + "x".repeat(length % 2);
            Delivery d = new Delivery(7, text, text, "alice", false).framed();
            assertEquals(text, decode(d.frame(true)), "length " + length);
        }
    }

    @Test
    void eachMemberGetsItsRenderingAndItsOwnReadPosition() {
        Delivery d = new Delivery(3, "{\"full\":1}", "{\"redacted\":1}", "alice", false).framed();
        ByteBuf first = d.frame(false);
        assertEquals("{\"redacted\":1}", decode(first));
        assertFalse(first.isReadable());
        assertEquals("{\"redacted\":1}", decode(d.frame(false)), "a second view still reads the whole frame");
        assertEquals("{\"full\":1}", decode(d.frame(true)));
        assertSame(d, d.framed());
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
