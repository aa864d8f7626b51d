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
import io.optiinfra.orchestrator.http.RouteTable;
import io.optiinfra.orchestrator.health.HealthRoutes;
import io.optiinfra.orchestrator.infrastructure.InfrastructureRoutes;
import io.optiinfra.orchestrator.infrastructure.InfrastructureService;
import io.optiinfra.orchestrator.metrics.MetricsRoutes;
import io.optiinfra.store.ClickHouseMetrics;
import io.optiinfra.store.Postgres;
import io.optiinfra.store.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.optiinfra.orchestrator.agents.AgentContextRoutes;
import io.optiinfra.orchestrator.agents.AgentRegistry;
import io.optiinfra.orchestrator.agents.AgentRoutes;
import io.optiinfra.common.client.CloudSimClient;
import io.optiinfra.orchestrator.conflicts.ConflictRoutes;
import io.optiinfra.orchestrator.conflicts.ConflictService;
import io.optiinfra.orchestrator.dashboard.DashboardRoutes;
import io.optiinfra.orchestrator.events.EventStream;
import io.optiinfra.orchestrator.learning.LearningService;
import io.optiinfra.orchestrator.optimizations.OptimizationRoutes;
import io.optiinfra.orchestrator.optimizations.OptimizationService;
import io.optiinfra.orchestrator.optimizations.OptimizationWiring;
import io.optiinfra.orchestrator.onboarding.OnboardingRoutes;
import io.optiinfra.orchestrator.onboarding.OnboardingService;
import io.optiinfra.orchestrator.recommendations.RecommendationRoutes;
import io.optiinfra.orchestrator.recommendations.RecommendationService;
import io.optiinfra.orchestrator.recommendations.SimilarOutcomesRoutes;
import io.optiinfra.orchestrator.tasks.AnalysisService;
import io.optiinfra.orchestrator.tasks.TaskQueue;
import io.optiinfra.orchestrator.tasks.TaskRoutes;
import io.optiinfra.orchestrator.tasks.TaskService;
import io.optiinfra.orchestrator.tasks.TaskStreams;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
        pg.update("INSERT INTO agent_tokens (token, customer_id, kind) VALUES (?, NULL, 'platform_agent') "
                + "ON CONFLICT (token) DO NOTHING", Config.require("agent.token"));
        LearningService learning = new LearningService(pg);
        TaskQueue queue = new TaskQueue(pg, redis);
        queue.createStreams();
        AgentRegistry registry = new AgentRegistry(pg, redis, events,
                Duration.ofMillis(Config.getInt("agent.offline.ms", 30_000)), TaskStreams::capabilitiesOf);
        RecommendationService recommendations = new RecommendationService(pg, events, (customerId, validator,
                recommendationId) -> queue.enqueue(customerId, null, validator, TaskStreams.VALIDATE,
                Map.of("recommendation_id", recommendationId.toString())), learning);
        TaskService tasks = new TaskService(pg, queue, registry, recommendations, events,
                Config.getInt("task.max.attempts", 3));

        Javalin app = Web.server();
        app.beforeMatched(authenticator::authenticate);
        app.beforeMatched(Web::checkParameters);
        RouteTable routes = new RouteTable(app);
        Map<String, BooleanSupplier> stores = new LinkedHashMap<>();
        stores.put("postgres", pg::ping);
        stores.put("clickhouse", metrics::ping);
        stores.put("redis", redis::ping);
        HealthRoutes.register(routes, stores, registry::activeByType);
        AuthRoutes.register(routes, auth);
        CustomerRoutes customers = new CustomerRoutes(pg);
        customers.register(routes);
        InfrastructureService infrastructure = new InfrastructureService(pg, events);
        InfrastructureRoutes.register(routes, customers, infrastructure);
        new MetricsRoutes(metrics, customers).register(routes);
        OnboardingService onboarding = new OnboardingService(pg, events, Config.get("public.url",
                "http://127.0.0.1:" + Config.getInt("http.port", 8001)));
        OnboardingRoutes.register(routes, customers, onboarding);
        AgentRoutes.register(routes, registry);
        AgentContextRoutes.register(routes, pg, infrastructure);
        AnalysisService analyses = new AnalysisService(pg, queue, events);
        TaskRoutes.register(routes, customers, analyses, tasks);
        // A new customer sees recommendations without pressing anything: discovery done → a first full analysis.
        infrastructure.onDiscovered(customerId -> {
            if (onboarding.claimFirstAnalysis(customerId)) {
                analyses.startAnalysis(customerId, null);
            }
        });
        RecommendationRoutes.register(routes, customers, recommendations);
        CloudSimClient cloud = CloudSimClient.fromConfig();
        OptimizationService optimizations = new OptimizationService(pg, recommendations, OptimizationWiring.of(pg, metrics,
                cloud.http(), Config.getDouble("time.scale", 60), Duration.ofMillis(Config.getInt("gate.telemetry.wait.ms",
                        10_000))), events, learning);
        OptimizationRoutes.register(routes, optimizations);
        ConflictRoutes.register(routes, customers, new ConflictService(pg, recommendations, optimizations, cloud, events));
        SimilarOutcomesRoutes.register(routes, recommendations, learning);
        DashboardRoutes.register(routes, customers, pg, metrics, recommendations);
        new EventStream((token, customer) -> jwt.verify(token).mayAccess(customer),
                Config.getInt("ws.max.queued.messages", EventStream.DEFAULT_MAX_QUEUED))
                .register(app, redis);
        optimizations.recoverInterrupted();

        ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "agent-reaper"));
        long reapEvery = Math.max(100, Config.getInt("agent.offline.ms", 30_000) / 4);
        reaper.scheduleWithFixedDelay(() -> {
            try {
                registry.reap();
            } catch (RuntimeException e) {
                LOG.error("agent reaper failed", e);
            }
        }, reapEvery, reapEvery, TimeUnit.MILLISECONDS);
        // tasks whose stream entry was lost (Redis restart) or never written (Redis down) are delivered again
        java.time.Duration stranded = Duration.ofMillis(3L * Config.getInt("task.claim.idle.ms", 30_000));
        reaper.scheduleWithFixedDelay(() -> {
            try {
                queue.redeliverStranded(stranded);
            } catch (RuntimeException e) {
                LOG.warn("task redelivery sweep failed: {}", e.getMessage());
            }
        }, stranded.toMillis(), Math.max(500, stranded.toMillis() / 3), TimeUnit.MILLISECONDS);

        int port = Config.getInt("http.port", 8001);
        app.start(Config.get("http.host", "127.0.0.1"), port);
        LOG.info("orchestrator listening on {}", port);
        return app;
    }
}
