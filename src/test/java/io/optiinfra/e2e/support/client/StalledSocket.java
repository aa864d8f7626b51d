package io.optiinfra.e2e.support.client;

import io.optiinfra.e2e.support.report.TestReport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A live event socket whose reader has stopped: a plain TCP socket with a tiny receive buffer does the WebSocket
 * handshake by hand and then reads nothing, so the server's writes pile up in its own kernel buffer and, once that is
 * full, in whatever the server queues — a frozen browser tab or a client behind a dead proxy. A client library would
 * keep reading into its own buffers; only a socket nobody reads stalls for real at the TCP level.
 *
 * <p>{@link #drain} later reads what the server managed to send and tells how the connection ended.
 */
public final class StalledSocket implements AutoCloseable {
    /** The kernel doubles it and never goes below its minimum: a few kilobytes of receive window in all. */
    private static final int RECEIVE_BUFFER_BYTES = 4096;
    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Socket socket;
    private final String description;

    private StalledSocket(Socket socket, String description) {
        this.socket = socket;
        this.description = description;
    }

    /** Connects to WS /ws/customers/{customerId}, completes the handshake (101) and stops reading. */
    public static StalledSocket open(String orchestratorUrl, String customerId, String token) throws IOException {
        URI uri = URI.create(orchestratorUrl);
        Socket socket = new Socket();
        socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES); // before connect, so the advertised window is small
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = "/ws/customers/" + customerId + "?token=" + token;
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(socket.getInputStream());
        String description = "stalled socket of " + customerId + " (local port " + socket.getLocalPort()
                + ", receive buffer " + socket.getReceiveBufferSize() + " bytes)";
        if (!head.startsWith("HTTP/1.1 101") || !head.contains(accept(key))) {
            socket.close();
            throw new IOException(description + ": handshake refused: " + head);
        }
        TestReport.info(description + ": handshake done, now reading nothing");
        return new StalledSocket(socket, description);
    }

    /**
     * Starts reading again and reads until the server ends the connection or {@code quietMillis} pass without a byte
     * (the connection is then still open). Never throws for the connection's end: that is the answer.
     */
    public Drained drain(int quietMillis) {
        int messages = 0;
        String first = null;
        try {
            socket.setSoTimeout(quietMillis);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return new Drained(messages, first, "end of stream (FIN) without a close frame", null);
                }
                int opcode = b0 & 0x0F;
                byte[] payload = in.readNBytes((int) length(in));
                if (opcode == 0x8) {
                    Integer code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : null;
                    String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2,
                            StandardCharsets.UTF_8) : "";
                    return new Drained(messages, first, "close frame " + code + " \"" + reason + "\"", code);
                }
                if (opcode == 0x1 || opcode == 0x0) { // text or its continuation; pings are ignored (no pong)
                    message.write(payload);
                    if ((b0 & 0x80) != 0) {
                        messages++;
                        if (first == null) {
                            first = message.toString(StandardCharsets.UTF_8);
                        }
                        message.reset();
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            return new Drained(messages, first, null, null);
        } catch (EOFException e) {
            return new Drained(messages, first, "end of stream (FIN) inside a frame", null);
        } catch (SocketException e) {
            return new Drained(messages, first, "connection reset: " + e.getMessage(), null);
        } catch (IOException e) {
            return new Drained(messages, first, "read failed: " + e, null);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * What a drain read: the count of whole text messages, the first one, and how the server ended the connection
     * ({@code ending} null: still open after the quiet period; {@code closeCode} set when a close frame arrived).
     */
    public record Drained(int messages, String firstMessage, String ending, Integer closeCode) {
        public boolean closedByServer() {
            return ending != null;
        }
    }

    private static long length(InputStream in) throws IOException {
        int b1 = in.read();
        if (b1 < 0) {
            throw new EOFException();
        }
        long length = b1 & 0x7F; // server frames are never masked
        if (length == 126) {
            length = ((long) readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
        }
        return length;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    /** The response head, read byte by byte so that not one byte of the first frame is consumed with it. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(readByte(in));
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
