package io.optiinfra.common.web;

import io.optiinfra.common.Json;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The body size limit for bodies without a Content-Length (Transfer-Encoding: chunked). Javalin only compares the
 * declared Content-Length with its limit, so a chunked body of any size would otherwise be read whole. Here such a
 * body is read up to the limit; one byte more is a 413, and a body within the limit is handed on as a buffered
 * request with its length known.
 */
final class BodyLimitFilter implements Filter {
    private final long maxBytes;

    BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (http.getContentLengthLong() >= 0 || !hasBody(http)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(http.getInputStream(), maxBytes + 1);
        if (body.length > maxBytes) {
            HttpServletResponse out = (HttpServletResponse) response;
            out.setStatus(413);
            out.setContentType("application/json");
            out.setHeader("Connection", "close");
            out.getOutputStream().write(Json.write(Map.of("error", "payload_too_large", "message",
                    "the request body is larger than " + maxBytes + " bytes")).getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new Buffered(http, body), response);
    }

    private static boolean hasBody(HttpServletRequest http) {
        String encoding = http.getHeader("Transfer-Encoding");
        return encoding != null && !encoding.isBlank();
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long total = 0;
        int read;
        while (total < limit && (read = in.read(chunk, 0, (int) Math.min(chunk.length, limit - total))) != -1) {
            buffer.write(chunk, 0, read);
            total += read;
        }
        return buffer.toByteArray();
    }

    /** The request with its body already read: the length is known, the stream replays the bytes. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override public boolean isFinished() { return bytes.available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException(); }
                @Override public int read() { return bytes.read(); }
                @Override public int read(byte[] b, int off, int len) { return bytes.read(b, off, len); }
            };
        }
    }
}
