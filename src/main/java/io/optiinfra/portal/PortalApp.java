package io.optiinfra.portal;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.optiinfra.common.Config;
import io.optiinfra.portal.view.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * The customer portal: server-rendered pages (jte, escaped by default) plus one small script for live updates. It
 * reaches the platform only through the orchestrator's public API and WebSocket, like any other client.
 */
public final class PortalApp {
    private static final Logger LOG = LoggerFactory.getLogger(PortalApp.class);

    private PortalApp() {}

    public static Javalin start() {
        String orchestratorUrl = Config.get("orchestrator.url", "http://127.0.0.1:8001");
        Portal portal = new Portal(new OrchestratorApi(orchestratorUrl));
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/portal/static";
                files.location = Location.CLASSPATH;
            });
            config.jetty.modifyWebSocketServletFactory(factory -> factory.setIdleTimeout(Duration.ofHours(1)));
        });
        app.before(ctx -> {
            ctx.header("Cache-Control", "no-store");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
        });
        app.get("/health", ctx -> ctx.json(Map.of("status", "ok", "orchestrator", orchestratorUrl)));
        new AuthPages(portal).register(app);
        new CustomerPages(portal).register(app);
        new RecommendationPages(portal).register(app);
        new OptimizationPages(portal).register(app);
        new LiveProxy(orchestratorUrl).register(app);

        app.exception(ApiError.class, (e, ctx) -> {
            if (e.status() == 401) {
                // an expired or refused token: back to the login page (a fragment request tells its script so)
                Session.clear(ctx);
                if (Portal.isFragment(ctx)) {
                    ctx.status(401).result("");
                } else {
                    ctx.redirect(ctx.cookie(Session.COOKIE) == null ? "/login" : "/login?expired=1", HttpStatus.SEE_OTHER);
                }
                return;
            }
            int status = e.status() >= 500 ? 502 : e.status();
            String title = switch (e.status()) {
                case 403 -> "Forbidden";
                case 404 -> "Not found";
                default -> status >= 500 ? "Service unavailable" : "Request refused";
            };
            String message = e.status() == 403 ? "You do not have access to this page." : e.getMessage();
            ctx.status(status);
            portal.render(ctx, "error.jte", Map.of("page", Page.anonymous(title, null), "status", status,
                    "title", title, "message", message == null ? "" : message));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("portal error on {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500);
            portal.render(ctx, "error.jte", Map.of("page", Page.anonymous("Error", null), "status", 500,
                    "title", "Something went wrong", "message", "The portal could not show this page."));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                portal.render(ctx, "error.jte", Map.of("page", Page.anonymous("Not found", null), "status", 404,
                        "title", "Not found", "message", "There is no page " + ctx.path() + "."));
            }
        });

        int port = Config.getInt("http.port", 3001);
        app.start(Config.get("http.host", "127.0.0.1"), port);
        LOG.info("portal listening on {} (orchestrator {})", port, orchestratorUrl);
        return app;
    }
}
