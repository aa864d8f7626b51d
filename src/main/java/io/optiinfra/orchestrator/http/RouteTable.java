package io.optiinfra.orchestrator.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.optiinfra.common.web.Access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers routes with their access rule and remembers them, so the API can publish its own route table
 * ({@code GET /meta/routes}) and the suite can check every protected route without a hand-picked list.
 */
public final class RouteTable {
    public record Route(String method, String path, Access access) {}

    private final Javalin app;
    private final List<Route> routes = new ArrayList<>();

    public RouteTable(Javalin app) {
        this.app = app;
        add(HandlerType.GET, "/meta/routes", Access.OPEN, ctx -> ctx.json(Map.of("routes", routes)));
    }

    public RouteTable get(String path, Access access, Handler handler) { return add(HandlerType.GET, path, access, handler); }
    public RouteTable post(String path, Access access, Handler handler) { return add(HandlerType.POST, path, access, handler); }
    public RouteTable put(String path, Access access, Handler handler) { return add(HandlerType.PUT, path, access, handler); }

    private RouteTable add(HandlerType method, String path, Access access, Handler handler) {
        app.addHttpHandler(method, path, handler, access);
        routes.add(new Route(method.name(), path, access));
        return this;
    }
}
