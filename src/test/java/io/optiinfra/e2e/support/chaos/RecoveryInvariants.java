package io.optiinfra.e2e.support.chaos;

import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;
import io.optiinfra.e2e.support.db.DatabaseHelper;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/**
 * What must hold after any fault, checked from outside the platform (PostgreSQL rows, the simulator's account):
 * nothing lost — every task completed or dead-lettered, every optimization completed or rolled back, its steps and
 * events recorded — and nothing orphaned — a rolled-back account exactly as its baseline, a completed one with every
 * new instance serving a deployment. Each failure message names what was lost or orphaned.
 */
public final class RecoveryInvariants {
    /** Bound for the platform to settle after the fault is over: redelivery, reclaim and rollback all included. */
    public static final Duration SETTLE = Duration.ofSeconds(90);

    private final DatabaseHelper db;
    private final CloudSimulatorClient cloud;

    public RecoveryInvariants(DatabaseHelper db, CloudSimulatorClient cloud) {
        this.db = db;
        this.cloud = cloud;
    }

    /** Runs every invariant for the customer; {@code baseline} is the account before the optimization started. */
    public void check(TestCustomer customer, CloudBaseline baseline) {
        TestReport.step("Invariants: nothing lost, nothing orphaned");
        noTaskStranded(customer);
        List<Map<String, Object>> optimizations = everyOptimizationEnded(customer);
        CloudBaseline now = CloudBaseline.of(cloud, customer.customerId());
        for (Map<String, Object> optimization : optimizations) {
            String id = optimization.get("id").toString();
            String status = (String) optimization.get("status");
            auditComplete(customer, id, status);
            if ("rolled_back".equals(status)) {
                assertThat("optimization " + id + " rolled back, but the simulator's account differs from its baseline",
                        now.differencesFrom(baseline), empty());
            }
        }
        if (optimizations.stream().anyMatch(o -> "completed".equals(o.get("status")))) {
            // a completed migration replaces capacity one for one: a deployment left short lost serving instances
            assertThat("running instances per deployment after the completed rollout vs before",
                    now.servingCounts(), equalTo(baseline.servingCounts()));
        }
        List<String> orphans = new ArrayList<>(now.unattached());
        orphans.removeIf(o -> baseline.instances().containsKey(o.substring(0, o.indexOf(' '))));
        assertThat("instances running but serving no deployment (orphaned)", orphans, empty());
    }

    /** Every task of the customer ends completed or dead-lettered; none left queued or processing. */
    public void noTaskStranded(TestCustomer customer) {
        List<Map<String, Object>> stuck = WaitHelper.until("every task of " + customer + " completed or dead-lettered",
                SETTLE, Duration.ofMillis(250), () -> db.postgres("SELECT id, agent_type, analysis_type, status, attempts, "
                        + "agent_id FROM tasks WHERE customer_id = ?::uuid AND status NOT IN ('completed', 'dead_lettered')",
                        customer.customerId()), List::isEmpty);
        assertThat("tasks stranded", stuck, empty());
        List<Map<String, Object>> tasks = db.postgres("SELECT count(*) AS n FROM tasks WHERE customer_id = ?::uuid",
                customer.customerId());
        assertThat("tasks of " + customer + " (the case ran work through the queue)",
                ((Number) tasks.get(0).get("n")).intValue(), greaterThan(0));
    }

    /** Every optimization of the customer ends completed or rolled_back (not running, rolling_back or failed). */
    public List<Map<String, Object>> everyOptimizationEnded(TestCustomer customer) {
        return WaitHelper.until("every optimization of " + customer + " completed or rolled back", SETTLE,
                Duration.ofMillis(250), () -> db.postgres("SELECT id, status, result::text AS result, "
                        + "rollback::text AS rollback FROM optimizations WHERE customer_id = ?::uuid", customer.customerId()),
                rows -> rows.stream().allMatch(r -> List.of("completed", "rolled_back").contains(r.get("status"))));
    }

    /** Steps all settled, one ending event, and for a rollback its start and end in the audit trail. */
    private void auditComplete(TestCustomer customer, String optimizationId, String status) {
        List<Map<String, Object>> open = db.postgres("SELECT seq, name, status FROM optimization_steps WHERE "
                + "optimization_id = ?::uuid AND status = 'running'", optimizationId);
        assertThat("steps of " + optimizationId + " left running", open, empty());
        String ending = "completed".equals(status) ? "optimization_completed" : "optimization_rolled_back";
        // the platform stores the ending status, then writes the event: wait for the event (bounded), then count it
        int endings = WaitHelper.until(ending + " event of " + optimizationId, SETTLE, Duration.ofMillis(250),
                () -> count(customer, ending, optimizationId), n -> n > 0);
        assertThat(ending + " events of " + optimizationId, endings, equalTo(1));
        if ("rolled_back".equals(status)) {
            assertThat("rollback_started events of " + optimizationId, count(customer, "rollback_started", optimizationId),
                    equalTo(1));
            assertThat("rollback_completed events of " + optimizationId,
                    count(customer, "rollback_completed", optimizationId), equalTo(1));
        }
    }

    private int count(TestCustomer customer, String type, String optimizationId) {
        return ((Number) db.postgres("SELECT count(*) AS n FROM events WHERE customer_id = ?::uuid AND type = ? AND "
                + "payload->>'optimization_id' = ?", customer.customerId(), type, optimizationId).get(0).get("n")).intValue();
    }
}
