package io.optiinfra.common.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;

/** Builds the Javalin server every platform process uses: one JSON mapper, one error model. */
public final class Web {
    private static final Logger LOG = LoggerFactory.getLogger(Web.class);
    public static final long MAX_BODY_BYTES = 256 * 1024;

    private Web() {}

    public static Javalin server() {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(handler -> {
                handler.setErrorHandler(new JsonErrorHandler());
                // chunked bodies carry no Content-Length, which is all Javalin's own limit looks at
                handler.addFilter(new org.eclipse.jetty.servlet.FilterHolder(new BodyLimitFilter(MAX_BODY_BYTES)), "/*",
                        java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
            });
            // WebSockets carry server pings every 10 s; the idle timeout only closes sockets whose peer is gone
            config.jetty.modifyWebSocketServletFactory(factory -> factory.setIdleTimeout(java.time.Duration.ofMinutes(2)));
        });
        app.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            error(ctx, e.status(), e.error(), e.getMessage());
        });
        app.exception(JacksonException.class, (e, ctx) ->
                error(ctx, 400, "bad_request", "malformed or mistyped JSON: " + e.getOriginalMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, "bad_request", e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) ->
                error(ctx, e.getStatus(), errorName(e.getStatus()), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal_error", "internal error");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> error(ctx, 405, "method_not_allowed", "method not allowed"));
        return app;
    }

    public static void error(Context ctx, int status, String error, String message) {
        ctx.status(status).json(Map.of("error", error, "message", message == null ? error : message));
    }

    private static String errorName(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    /**
     * Parses a JSON body into a record; empty, malformed or mistyped bodies, duplicate keys, control characters, lone
     * surrogates and non-finite numbers anywhere in it are a 400 — all checked before the route writes anything.
     */
    public static <T> T body(Context ctx, Class<T> type) {
        JsonNode tree = bodyTree(ctx);
        try {
            T value = Json.MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw ApiException.badRequest("request body must be a JSON object");
            }
            return value;
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed or mistyped JSON: " + e.getOriginalMessage());
        }
    }

    /** As {@link #body(Context, Class)} for generic types (lists of samples). */
    public static <T> T body(Context ctx, TypeReference<T> type) {
        JsonNode tree = bodyTree(ctx);
        try {
            T value = Json.MAPPER.readerFor(type).readValue(tree);
            if (value == null) {
                throw ApiException.badRequest("request body is required");
            }
            return value;
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed or mistyped JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("unreadable JSON body: " + e.getMessage());
        }
    }

    /** The checked JSON tree of the body (see {@link InputGuard}). */
    public static JsonNode bodyTree(Context ctx) {
        String raw = ctx.body();
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("request body is required");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(raw);
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw ApiException.badRequest("request body is required");
        }
        InputGuard.checkTree(tree);
        return tree;
    }

    /**
     * Query and path parameters may not carry control characters or lone surrogates either (a NUL would reach the
     * stores); runs after authentication, before the route.
     */
    public static void checkParameters(Context ctx) {
        ctx.queryParamMap().forEach((name, values) -> {
            InputGuard.checkText(name, "query parameter name");
            values.forEach(value -> InputGuard.checkText(value, "query parameter " + name));
        });
        ctx.pathParamMap().forEach((name, value) -> InputGuard.checkText(value, "path parameter " + name));
    }

    /** A path parameter that must be a UUID: anything else is a 400, never a lookup. */
    public static UUID uuidParam(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            UUID id = UUID.fromString(raw);
            if (!id.toString().equalsIgnoreCase(raw)) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + " must be a UUID");
        }
    }

    public static String requireText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        InputGuard.checkText(value, field);
        if (value.length() > maxLength) {
            throw ApiException.badRequest(field + " is longer than " + maxLength + " characters");
        }
        return value.trim();
    }
}
