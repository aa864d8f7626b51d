package io.optiinfra.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The portal's only way to the platform: the orchestrator's public API, as any client would call it, with the
 * signed-in customer's bearer token. Non-2xx answers become {@link ApiError}s carrying the API's {error, message}.
 */
public final class OrchestratorApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public OrchestratorApi(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String token, String path) {
        return send(token, "GET", path, null);
    }

    public JsonNode get(String token, String path, Map<String, String> query) {
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(token, "GET", path + (encoded.isEmpty() ? "" : "?" + encoded), null);
    }

    public JsonNode post(String token, String path, Object body) {
        return send(token, "POST", path, body);
    }

    public JsonNode put(String token, String path, Object body) {
        return send(token, "PUT", path, body);
    }

    private JsonNode send(String token, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(""));
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiError(502, "orchestrator_unreachable", "The OptiInfra API is not reachable right now ("
                    + e.getClass().getSimpleName() + "). Please try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted", "The request was interrupted.");
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            String error = json.path("error").asText("http_" + response.statusCode());
            String message = json.path("message").asText("The API answered " + response.statusCode() + ".");
            throw new ApiError(response.statusCode(), error, message);
        }
        return json;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode().put("message", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }
}
