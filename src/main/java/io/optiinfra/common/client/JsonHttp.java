package io.optiinfra.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A small JSON-over-HTTP client for platform processes calling each other (java.net.http + Jackson). */
public final class JsonHttp {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String baseUrl;
    private final Map<String, String> headers;

    public JsonHttp(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.headers = Map.copyOf(headers);
    }

    /**
     * The status, parsed body (a JSON null node when empty) and headers of one call; headers matter where the status
     * alone does not say what to do next (a 429's {@code Retry-After}).
     */
    public record Reply(int status, JsonNode body, HttpHeaders headers) {
        private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

        public Reply(int status, JsonNode body) {
            this(status, body, NONE);
        }

        /** The first value of a response header (names are case-insensitive, as in HTTP). */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body of a 2xx answer; anything else is a {@link CallFailed}. */
        public JsonNode require(String what) {
            if (!ok()) {
                throw new CallFailed(what + " answered " + status + ": " + body, status);
            }
            return body;
        }
    }

    /** A call that did not answer 2xx (or did not answer at all: status -1). */
    public static final class CallFailed extends RuntimeException {
        private final int status;

        public CallFailed(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply post(String path, Object body) {
        return send("POST", path, body);
    }

    public Reply put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null);
    }

    private Reply send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode parsed = text == null || text.isBlank() ? Json.MAPPER.nullNode() : Json.read(text);
            return new Reply(response.statusCode(), parsed, response.headers());
        } catch (IOException e) {
            throw new CallFailed(method + " " + baseUrl + path + " failed: " + e.getMessage(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(method + " " + baseUrl + path + " interrupted", -1);
        }
    }
}
