package io.optiinfra.orchestrator;

import io.javalin.Javalin;
import io.optiinfra.common.Config;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.auth.AuthRoutes;
import io.optiinfra.orchestrator.auth.AuthService;
import io.optiinfra.orchestrator.auth.Authenticator;
import io.optiinfra.orchestrator.auth.JwtTokens;
import io.optiinfra.orchestrator.auth.LoginRateLimiter;
import io.optiinfra.orchestrator.auth.Passwords;
import io.optiinfra.orchestrator.customers.CustomerRoutes;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.orchestrator.health.HealthRoutes;
import io.optiinfra.orchestrator.infrastructure.InfrastructureRoutes;
import io.optiinfra.orchestrator.infrastructure.InfrastructureService;
import io.optiinfra.orchestrator.metrics.MetricsRoutes;
import io.optiinfra.store.ClickHouseMetrics;
import io.optiinfra.store.Postgres;
import io.optiinfra.store.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The orchestrator process: public API, owner of PostgreSQL. */
public final class OrchestratorApp {
    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorApp.class);

    private OrchestratorApp() {}

    public static Javalin start() {
        Postgres pg = Postgres.fromConfig();
        pg.migrate();
        ClickHouseMetrics metrics = ClickHouseMetrics.fromConfig();
        metrics.createSchema();
        RedisStore redis = RedisStore.fromConfig();

        EventBus events = new EventBus(pg, redis);
        JwtTokens jwt = new JwtTokens(Config.require("jwt.secret"),
                Duration.ofSeconds(Config.getInt("jwt.ttl.seconds", 3600)), Clock.systemUTC());
        AuthService auth = new AuthService(pg, new Passwords(Config.getInt("bcrypt.cost", 10)), jwt,
                new LoginRateLimiter(redis, Config.getInt("login.max.failures", 5),
                        Config.getInt("login.window.seconds", 60)), events);
        auth.ensureAdmin(Config.get("admin.email", "admin@optiinfra.local"), Config.require("admin.password"));
        Authenticator authenticator = new Authenticator(jwt, pg, Config.require("service.token"));

        Javalin app = Web.server();
        app.beforeMatched(authenticator::authenticate);
        RouteTable routes = new RouteTable(app);
        Map<String, BooleanSupplier> stores = new LinkedHashMap<>();
        stores.put("postgres", pg::ping);
        stores.put("clickhouse", metrics::ping);
        stores.put("redis", redis::ping);
        HealthRoutes.register(routes, stores, () -> 0);
        AuthRoutes.register(routes, auth);
        CustomerRoutes customers = new CustomerRoutes(pg);
        customers.register(routes);
        InfrastructureRoutes.register(routes, customers, new InfrastructureService(pg, events));
        new MetricsRoutes(metrics, customers).register(routes);

        int port = Config.getInt("http.port", 8001);
        app.start("127.0.0.1", port);
        LOG.info("orchestrator listening on {}", port);
        return app;
    }
}
