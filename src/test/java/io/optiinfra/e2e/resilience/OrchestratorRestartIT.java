package io.optiinfra.e2e.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.env.FaultControl;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.optiinfra.e2e.support.matchers.OptiInfraMatchers.rolledBackCleanly;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The rollout state machine survives its orchestrator: killed mid-rollout, the restarted orchestrator rolls the
 * optimization back instead of leaving it hanging. Disruptive (the API is down for a few seconds), so it runs in its
 * own &lt;test&gt; after everything else, in the modes with fault control (local, docker).
 */
@Test(groups = Groups.RESILIENCE)
public class OrchestratorRestartIT extends SuiteBase {

    public void rolloutInterruptedByAnOrchestratorRestartIsRolledBack() throws Exception {
        FaultControl faults = faultControl();
        TestCustomer customer = newCustomer("Restart Survivor");
        Onboarding.onboardFleet(api(), cloud(), customer, "aws-medium");
        Set<String> original = runningIds(customer);
        Onboarding.analyzeAndWait(customer, "cost", Optimizations.RECOMMENDATION_TIMEOUT);
        Recommendation spot = Optimizations.awaitValidatedRecommendation(customer, "spot_migration");

        TestReport.step("Act: approve, then kill the orchestrator once the canary is deployed");
        String optimizationId = Optimizations.approve(customer, spot);
        WaitHelper.until("deploy_canary completed", Duration.ofSeconds(20),
                () -> customer.client().optimization(optimizationId),
                r -> r.statusCode() == 200 && "completed".equals(stepStatus(Api.read(r, Optimization.class),
                        "deploy_canary")));
        faults.kill("orchestrator");
        faults.start("orchestrator");

        TestReport.step("Wait: the restarted orchestrator rolls the interrupted rollout back");
        Response done = WaitHelper.until("optimization " + optimizationId + " rolled back after the restart",
                Duration.ofSeconds(30), () -> customer.client().optimization(optimizationId),
                r -> r.statusCode() == 200 && List.of("rolled_back", "failed", "completed")
                        .contains(Api.read(r, Optimization.class).status()));
        Optimization optimization = Api.read(done, Optimization.class);
        assertThat(optimization, rolledBackCleanly());
        assertThat("result of " + optimizationId, optimization.result(), notNullValue());
        assertThat(optimization.result().error(), containsString("restart"));

        TestReport.step("Prove in stores and cloud: original fleet, no orphans, audit trail");
        assertThat(runningIds(customer), equalTo(original));
        assertThat(db().postgres("SELECT status FROM optimizations WHERE id = ?::uuid", optimizationId).get(0)
                .get("status"), equalTo("rolled_back"));
        assertThat(db().postgres("SELECT id FROM events WHERE customer_id = ?::uuid AND type = 'rollback_completed'",
                customer.customerId()).size(), equalTo(1));
    }

    private Set<String> runningIds(TestCustomer customer) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode instance : cloud().runningInstances(customer.customerId())) {
            ids.add(instance.get("id").asText());
        }
        return ids;
    }

    /** The named step's status, or null while the answer lists no such step. */
    private static String stepStatus(Optimization optimization, String step) {
        return optimization.hasSteps() ? optimization.steps().stream().filter(s -> step.equals(s.name()))
                .map(Optimization.Step::status).findFirst().orElse(null) : null;
    }
}
