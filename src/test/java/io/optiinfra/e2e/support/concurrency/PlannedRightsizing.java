package io.optiinfra.e2e.support.concurrency;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.client.OptiInfraClient;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

/**
 * The contested object of several races: the validated instance_rightsizing of the pinned fleet, and the fleet the
 * cloud account must hold once it ran exactly once (or never).
 */
public record PlannedRightsizing(ConcurrencyData.Rightsizing plan, OnboardedFleet fleet, Recommendation recommendation) {

    /** Onboards the plan's fleet for the customer, runs the cost analysis and waits for the validated rightsizing. */
    public static PlannedRightsizing prepare(OptiInfraClient anonymous, CloudSimulatorClient cloud, TestCustomer customer,
                                             ConcurrencyData.Rightsizing plan) {
        OnboardedFleet fleet = Onboarding.onboardFleet(anonymous, cloud, customer, plan.fleet());
        Onboarding.analyzeAndWait(customer, "cost", Optimizations.RECOMMENDATION_TIMEOUT);
        Recommendation rec = Optimizations.awaitValidatedRecommendation(customer, "instance_rightsizing");
        assertThat("the rightsizing target the plan pins (testdata/concurrency.json)",
                rec.requireDetail("target_instance_type").asText(), equalTo(plan.targetInstanceType()));
        return new PlannedRightsizing(plan, fleet, rec);
    }

    public String recommendationId() {
        return recommendation.id();
    }

    /** The fleet after the rightsizing ran once: the deployment's instances replaced by the target type. */
    public FleetShape afterRollout() {
        return FleetShape.seeded(fleet.fleet()).replaceDeployment(plan.deployment(), plan.targetInstanceType(),
                plan.targetMarket());
    }

    public FleetShape untouched() {
        return FleetShape.seeded(fleet.fleet());
    }

    /** Instances per deployment/type/market and the monthly cost equal {@code expected} (simulator + catalog). */
    public void assertCloudHolds(CloudSimulatorClient cloud, FleetShape expected, String what) {
        JsonNode fleetFile = fleet.fleet();
        FleetShape observed = FleetShape.observed(cloud, fleet.customerId());
        String line = what + ": expected fleet " + expected + ", observed " + observed;
        TestReport.info(line);
        System.out.println("[concurrency] " + line);
        assertThat(what + ": running instances per 'deployment | type | market' in the cloud simulator",
                observed.counts(), equalTo(expected.counts()));
        double expectedCost = expected.monthlyCost(cloud.catalog(), fleetFile.get("cloud").asText());
        double observedCost = cloud.summary(fleet.customerId()).get("monthly_cost").asDouble();
        TestReport.metric(what + ": expected monthly cost", expectedCost, "USD/month");
        TestReport.metric(what + ": observed monthly cost", observedCost, "USD/month");
        assertThat(what + ": monthly cost of the account (simulator) vs the expected fleet priced from the catalog",
                observedCost, closeTo(expectedCost, 0.01));
    }
}
