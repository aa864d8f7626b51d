package io.optiinfra.e2e.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.chaos.FaultCase;
import io.optiinfra.e2e.support.chaos.RetryTrail;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.report.TestReport;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Cloud faults at every rollout step of a spot migration: API errors, throttling, slow answers, spot interruptions
 * and lost instances, each scoped to the cloud call of its step so it strikes inside the step. Each 429 must come
 * back as a retry in the audit trail, after the Retry-After when the fault set one. Faults live in the
 * customer's own simulator account, so these cases run in parallel with each other.
 */
@Test(groups = Groups.CHAOS)
public class CloudFaultChaosIT extends ChaosBase {

    @DataProvider(name = "cloudFaults", parallel = true, propagateFailureAsTestFailure = true)
    public static Object[][] cloudFaults() {
        return rows(FaultCase.of("cloud"));
    }

    @Test(dataProvider = "cloudFaults")
    public void rolloutRecoversFromCloudFault(FaultCase fault) {
        TestReport.step("Arrange: a validated " + FaultCase.recommendationType() + " and the account's baseline");
        Prepared prepared = prepareRollout(fault.name());
        String customerId = prepared.customer().customerId();

        TestReport.step("Act: arm " + fault.fault() + " on the account's '" + fault.operation() + "' calls (after "
                + (fault.skip() == null ? 0 : fault.skip()) + " let through), then approve");
        JsonNode injected = cloud().injectFault(customerId, fault.fault(), prepared.deploymentId(), fault.magnitude(),
                fault.count(), fault.operation(), fault.skip());
        TestReport.info("armed " + injected);
        String optimizationId = Optimizations.approve(prepared.customer(), prepared.recommendation());

        TestReport.step("Wait: the rollout ends on its own");
        Optimization optimization = awaitEnd(prepared.customer(), optimizationId);

        TestReport.step("Assert: the expected end, the rollback flag true to the simulator, then every invariant");
        JsonNode after = cloud().faults(customerId).get(0);
        TestReport.info("the fault after the run: " + after);
        // a fault that never struck would make this case pass vacuously
        boolean struck = after.path("remaining").isNumber() ? after.get("remaining").asInt() < fault.count()
                : !after.get("active").asBoolean();
        assertThat("the armed fault struck inside " + fault.step() + ": " + after, struck, equalTo(true));
        assertOutcome(fault, optimization, prepared);
        assertRetriesAudited(fault, after, customerId, optimizationId, optimization.status());
        invariants().check(prepared.customer(), prepared.baseline());
    }

    /**
     * Every 429 the simulator answered is one {@code cloud_retry} row once the rollout completed (a rollout that gave
     * up did not retry its last 429) and no other fault leaves one; a Retry-After the fault set was waited out, by the
     * rows' own timestamps.
     */
    private void assertRetriesAudited(FaultCase fault, JsonNode after, String customerId, String optimizationId,
                                      Object status) {
        int throttled = fault.throttling() ? fault.count() - after.get("remaining").asInt() : 0;
        RetryTrail trail = RetryTrail.of(db(), customerId, optimizationId);
        TestReport.info("cloud_retry rows: " + trail.retries());
        assertThat("cloud_retry rows of " + optimizationId + " (" + status + ") vs the " + throttled
                + " 429 answers the simulator gave " + trail.retries(), trail.size(),
                throttled == 0 || "completed".equals(status) ? equalTo(throttled) : lessThanOrEqualTo(throttled));
        if (fault.throttling() && fault.magnitude() != null) {
            trail.assertHonoured(fault.magnitude().longValue(), fault.name());
        }
    }
}
