package io.optiinfra.e2e.security.input;

import io.optiinfra.e2e.support.db.DatabaseHelper;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Reads what a semantic case's target has stored ({@link StateProbe}), as text to compare before and after: straight
 * from PostgreSQL and ClickHouse, or through the API where the API is the contract (the victim's customer view).
 * Columns a repeated valid request moves by design (infrastructure.updated_at) are left out; nothing else is.
 */
final class StoredState {
    /** The hostname of the schema's valid agent registration (POST /orchestrator/agents/register). */
    static final String AGENT_HOSTNAME = "bad-input";
    /** The resource_id of the schema's valid metric sample (POST /internal/metrics). */
    static final String METRIC_RESOURCE = "bad-input";

    private final DatabaseHelper db;
    private final BadInputWorld world;

    StoredState(DatabaseHelper db, BadInputWorld world) {
        this.db = db;
        this.world = world;
    }

    String read(StateProbe probe) {
        String victim = world.victim().customerId();
        String bystander = world.bystander().customerId();
        return switch (probe) {
            case NONE -> "";
            case VICTIM_CUSTOMER -> {
                Response customer = world.victim().client().customer(victim);
                assertThat(customer.asString(), customer.statusCode(), equalTo(200));
                yield customer.asString();
            }
            case VICTIM_USERS -> pg("SELECT id::text AS id, customer_id::text AS customer_id, email, password_hash, role "
                    + "FROM users WHERE lower(email) = lower(?) ORDER BY id", world.victim().email());
            case VICTIM_ONBOARDING -> pg("SELECT cloud_provider, region, iam_role_arn, status, runtime_hostname, "
                    + "runtime_version, connected_at, first_analysis FROM onboarding WHERE customer_id = ?::uuid", victim);
            case VICTIM_INFRASTRUCTURE -> pg("SELECT status, cloud_provider, region FROM infrastructure "
                    + "WHERE customer_id = ?::uuid", victim)
                    + pg("SELECT instance_id, instance_type, cloud, region, market, state, details::text AS details "
                    + "FROM instances WHERE customer_id = ?::uuid ORDER BY instance_id", victim)
                    + pg("SELECT deployment_id, model, details::text AS details FROM vllm_deployments "
                    + "WHERE customer_id = ?::uuid ORDER BY deployment_id", victim);
            case VICTIM_BASELINES -> pg("SELECT deployment_id, baseline, samples, established_at FROM quality_baselines "
                    + "WHERE customer_id = ?::uuid ORDER BY deployment_id", victim);
            case VICTIM_RECOMMENDATIONS -> recommendations(victim);
            case FIXTURE_TASK -> pg("SELECT status, attempts, agent_id::text AS agent_id, completed_by::text AS completed_by, "
                    + "error, result::text AS result, completed_at FROM tasks WHERE id = ?::uuid", world.taskId())
                    + recommendations(victim);
            case TASKS -> pg("SELECT customer_id::text AS customer_id, status, count(*) AS n FROM tasks "
                    + "WHERE customer_id IN (?::uuid, ?::uuid) GROUP BY 1, 2 ORDER BY 1, 2", victim, bystander);
            case CONFLICTS -> pg("SELECT id::text AS id, customer_id::text AS customer_id, optimization_id::text AS "
                    + "optimization_id FROM conflict_resolutions WHERE customer_id IN (?::uuid, ?::uuid) ORDER BY id",
                    victim, bystander);
            case BAD_INPUT_AGENTS -> pg("SELECT id::text AS id, agent_type, version, capabilities, registered_at "
                    + "FROM agents WHERE hostname = ? ORDER BY id", AGENT_HOSTNAME);
            case FIXTURE_HEARTBEATS -> pg("SELECT count(*) AS n FROM agent_heartbeats WHERE agent_id = ?::uuid",
                    world.agentId());
            case BAD_INPUT_METRICS -> String.valueOf(db.clickhouse("SELECT customer_id, metric_type, ts_ms, value "
                    + "FROM metrics WHERE resource_id = ? ORDER BY customer_id, metric_type, ts_ms", METRIC_RESOURCE));
        };
    }

    private String recommendations(String customerId) {
        return pg("SELECT r.id::text AS id, r.status, r.updated_at, (SELECT count(*) FROM validations v "
                + "WHERE v.recommendation_id = r.id) AS validations FROM recommendations r WHERE r.customer_id = ?::uuid "
                + "ORDER BY r.id", customerId);
    }

    private String pg(String sql, Object... params) {
        List<Map<String, Object>> rows = db.postgres(sql, params);
        return rows.toString();
    }
}
