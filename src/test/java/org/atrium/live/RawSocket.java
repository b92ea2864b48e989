package org.atrium.live;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bare RFC 6455 client on a plain socket, so a test can vanish without a close handshake (TCP reset), as a phone
 * losing its network does.
 */
final class RawSocket implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The server's response to the upgrade: status line and headers. */
    final String upgradeResponse;

    RawSocket(URI base, String path, String bearer) throws IOException {
        this(base, path, bearer, "");
    }

    /** {@code extraHeaders}: more request header lines, each ending in CRLF. */
    RawSocket(URI base, String path, String bearer, String extraHeaders) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nAuthorization: " + bearer + "\r\n" + extraHeaders
                + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        upgradeResponse = head.toString();
    }

    void sendText(String text) throws IOException {
        sendFrame(true, 1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One masked frame: {@code opcode} 1 text, 0 continuation; {@code fin} false for all but a message's last. */
    void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream(14);
        head.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            head.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            head.write(0x80 | 126);
            head.write(payload.length >> 8);
            head.write(payload.length & 0xff);
        } else {
            head.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                head.write((int) (((long) payload.length >> shift) & 0xff));
            }
        }
        head.write(mask, 0, 4);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        out.write(head.toByteArray());
        out.write(masked);
        out.flush();
    }

    /**
     * Reads until the server's close frame and returns its status code; -1 when the connection ends without one
     * (end of stream or a reset).
     */
    int awaitCloseCode() {
        try {
            while (true) {
                Frame f = readFrame();
                if (f.opcode() == 8) {
                    return f.payload().length >= 2 ? ((f.payload()[0] & 0xff) << 8) | (f.payload()[1] & 0xff) : 1005;
                }
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** The next text frame (pings are skipped). */
    String readText() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 1) {
                return new String(f.payload(), StandardCharsets.UTF_8);
            }
        }
    }

    record Frame(int opcode, byte[] payload) {}

    /** The next frame of any kind (text 1, close 8, ping 9, pong 10). */
    Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] data = new byte[(int) len];
        in.readFully(data);
        return new Frame(b0 & 0x0f, data);
    }

    /** Drops the TCP connection with a reset: no close frame, no FIN handshake. */
    @Override
    public void close() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
