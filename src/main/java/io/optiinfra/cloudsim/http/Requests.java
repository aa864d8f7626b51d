package io.optiinfra.cloudsim.http;

import io.javalin.http.Context;
import io.optiinfra.common.web.Web;

/** Small helpers shared by the simulator's routes. */
final class Requests {
    private Requests() {}

    static String customerId(Context ctx) {
        return ctx.pathParam("cid");
    }

    /** A query parameter; blank counts as absent. */
    static String query(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** The body as {@code type}, or {@code fallback} when the request has no body. */
    static <T> T optionalBody(Context ctx, Class<T> type, T fallback) {
        String raw = ctx.body();
        return raw == null || raw.isBlank() ? fallback : Web.body(ctx, type);
    }
}
