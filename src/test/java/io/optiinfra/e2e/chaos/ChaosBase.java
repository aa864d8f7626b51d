package io.optiinfra.e2e.chaos;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Optimization;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.chaos.CloudBaseline;
import io.optiinfra.e2e.support.chaos.FaultCase;
import io.optiinfra.e2e.support.chaos.RecoveryInvariants;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.TimeBounds;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

/** What every chaos case needs: a customer with a validated spot migration, step timing, the outcome and invariants. */
abstract class ChaosBase extends SuiteBase {
    /** A rollout under faults may retry, wait out an outage and roll back: a longer bound than a clean one. */
    static final Duration ROLLOUT_UNDER_FAULT = Duration.ofSeconds(120);
    private static final List<String> ENDED = List.of("completed", "rolled_back", "failed");

    /** A customer on the catalog's fleet with a spot migration both validators approved, and its cloud baseline. */
    record Prepared(TestCustomer customer, Recommendation recommendation, String deploymentId, CloudBaseline baseline) {}

    Prepared prepareRollout(String caseName) {
        TestCustomer customer = newCustomer("Chaos " + caseName);
        var fleet = Onboarding.onboardFleet(api(), cloud(), customer, FaultCase.fleet());
        String deployment = fleet.fleet().get("deployments").get(0).get("id").asText();
        Onboarding.analyzeAndWait(customer, "cost", Optimizations.RECOMMENDATION_TIMEOUT);
        Recommendation rec = Optimizations.awaitValidatedRecommendation(customer, FaultCase.recommendationType());
        return new Prepared(customer, rec, deployment, CloudBaseline.of(cloud(), customer.customerId()));
    }

    /**
     * Waits (polling fast: a gate soaks a few seconds at most) until the step of the optimization has that status.
     * If the rollout ends first the fault could not strike mid-step: that is a failure, never a vacuous pass.
     */
    void awaitStep(TestCustomer customer, String optimizationId, String step, String status) {
        Response seen = WaitHelper.until(step + " of " + optimizationId + " " + status, ROLLOUT_UNDER_FAULT,
                Duration.ofMillis(20), () -> customer.client().optimization(optimizationId),
                r -> r.statusCode() == 200 && (status.equals(stepStatus(r, step)) || ENDED.contains(
                        Api.read(r, Optimization.class).status())));
        assertThat("caught " + step + " " + status + " before the rollout ended (else the fault would not be mid-step): "
                + seen.asString(), stepStatus(seen, step), equalTo(status));
    }

    /** The status of the named step, or null while the answer has no such step. */
    private static String stepStatus(Response optimization, String step) {
        Optimization read = Api.read(optimization, Optimization.class);
        return read.hasSteps() ? read.steps().stream().filter(s -> step.equals(s.name())).map(Optimization.Step::status)
                .findFirst().orElse(null) : null;
    }

    /** The optimization's final row, once it stopped running (through any outage). */
    Optimization awaitEnd(TestCustomer customer, String optimizationId) {
        Response done = WaitHelper.until("optimization " + optimizationId + " ended", ROLLOUT_UNDER_FAULT,
                Duration.ofMillis(200), () -> customer.client().optimization(optimizationId),
                r -> r.statusCode() == 200 && ENDED.contains(Api.read(r, Optimization.class).status()));
        return Api.read(done, Optimization.class);
    }

    /** The case's expected end, then the platform's own rollback flag checked against the simulator's account. */
    void assertOutcome(FaultCase fault, Optimization optimization, Prepared prepared) {
        String status = optimization.status();
        TestReport.info("'" + fault.name() + "' ended " + status + "; result " + optimization.result()
                + "; rollback " + optimization.rollback());
        if (FaultCase.EITHER.equals(fault.expect())) {
            assertThat("end of the rollout under '" + fault.name() + "'", status, is(oneOf("completed", "rolled_back")));
        } else {
            assertThat("end of the rollout under '" + fault.name() + "' (result " + optimization.result() + ")",
                    status, equalTo(fault.expect()));
        }
        if ("rolled_back".equals(status)) {
            List<String> diff = CloudBaseline.of(cloud(), prepared.customer().customerId()).differencesFrom(prepared.baseline());
            assertThat("rollback of a rolled_back optimization", optimization.rollback(), notNullValue());
            Object restored = optimization.rollback().originalStateRestored();
            assertThat("rollback.original_state_restored vs the simulator's differences " + diff, restored,
                    equalTo(diff.isEmpty()));
        }
    }

    RecoveryInvariants invariants() {
        return new RecoveryInvariants(db(), cloud());
    }

    /** How long a pause or outage lasts: the catalog's production duration on this environment's clock. */
    Duration outage() {
        return TimeBounds.scaled(env(), Duration.ofMillis(FaultCase.outageProductionMillis()));
    }

    static Object[][] rows(List<FaultCase> cases) {
        return cases.stream().map(c -> new Object[] {c}).toArray(Object[][]::new);
    }
}
