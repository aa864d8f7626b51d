package io.optiinfra.e2e.smoke;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Health;
import io.optiinfra.e2e.support.env.SuiteEnvironment;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

/** The environment is up: the platform is healthy and every store answers and takes writes. */
public class EnvironmentSmokeIT extends SuiteBase {
    /** The first requests after boot wait for JIT and pools: the boot budget of a loaded 2-core machine, not a speed claim. */
    private static final java.time.Duration FIRST_CALLS_AFTER_BOOT = java.time.Duration.ofSeconds(180);
    private static final List<String> AGENT_TYPES = List.of("cost", "performance", "resource", "application");

    @Test(groups = {Groups.SMOKE, Groups.FAST})
    public void platformReportsEveryStoreUp() {
        TestReport.metric("environment boot time", SuiteEnvironment.bootMillis(), "ms");
        Response health = api().health();

        assertThat(health.statusCode(), equalTo(200));
        Health report = Api.read(health, Health.class);
        assertThat(report.status(), equalTo("healthy"));
        for (String store : List.of("postgres", "clickhouse", "redis")) {
            assertThat(store + " status", report.component(store), equalTo("up"));
        }
    }

    /** Every agent type of SPEC §1 has an active agent, as /health reports it (the local environment runs them all). */
    @Test(groups = {Groups.SMOKE, Groups.FAST})
    public void healthReportsAnActiveAgentOfEveryType() {
        Response health = WaitHelper.until("an active agent of every type in /health", FIRST_CALLS_AFTER_BOOT,
                () -> api().health(), r -> AGENT_TYPES.stream().allMatch(t -> activeOf(r, t) > 0));
        for (String type : AGENT_TYPES) {
            assertThat("active " + type + " agents in /health " + health.asString(), activeOf(health, type),
                    greaterThanOrEqualTo(1));
        }
        assertThat("components.agents.active = Σ by_type", Api.read(api().health(), Health.class).activeAgents(),
                greaterThanOrEqualTo(AGENT_TYPES.size()));
    }

    private static int activeOf(Response health, String agentType) {
        return Api.read(health, Health.class).activeOf(agentType);
    }

    @Test(groups = {Groups.SMOKE, Groups.FAST})
    public void suiteReachesEveryStoreDirectly() {
        assertThat(db().postgres("SELECT 1 AS ok").get(0).get("ok"), equalTo(1));
        assertThat(((Number) db().clickhouse("SELECT 1 AS ok").get(0).get("ok")).intValue(), equalTo(1));
        assertThat(db().redis().ping(), equalTo("PONG"));
    }

    @Test(groups = {Groups.SMOKE, Groups.FAST})
    public void everyStoreTakesWritesThroughThePlatform() {
        TestReport.step("Act: sign up (PostgreSQL + Redis) and ingest one sample (ClickHouse)");
        TestCustomer customer = newCustomer("Smoke Writes Inc");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Response ingest = service().post("/internal/metrics", List.of(Map.of("customer_id", customer.customerId(),
                "metric_type", "hourly_cost", "resource_id", "smoke-0", "value", 12.5, "timestamp", now.toString())));
        assertThat(ingest.asString(), ingest.statusCode(), equalTo(202));
        assertThat(api().login(customer.email(), "wrong-password").statusCode(), equalTo(401));

        TestReport.step("Prove in stores");
        assertThat(db().postgres("SELECT id FROM customers WHERE id = ?::uuid", customer.customerId()), hasSize(1));
        assertThat(db().clickhouse("SELECT value FROM metrics WHERE customer_id = ? AND resource_id = 'smoke-0'",
                customer.customerId()), hasSize(1));
        assertThat("customer_created event in the audit trail",
                db().postgres("SELECT type FROM events WHERE customer_id = ?::uuid AND type = 'customer_created'",
                        customer.customerId()), hasSize(1));
        long ttl = db().redis().ttl("optiinfra:ratelimit:login:" + customer.email());
        TestReport.info("redis failed-login counter TTL = " + ttl + " s");
        assertThat("failed-login counter TTL in Redis (s)", ttl, greaterThan(0L));
    }
}
