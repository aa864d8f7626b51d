package io.optiinfra.e2e.support.portal;

import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.client.OptiInfraClient;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.optiinfra.e2e.support.report.TestReport;

/**
 * Customers prepared over the API for browser tests whose subject starts later (approval, rollback, isolation):
 * signed up, fleet discovered, one analysis done and the wanted recommendation validated.
 */
public final class PortalCustomers {
    private PortalCustomers() {}

    public record Prepared(TestCustomer customer, OnboardedFleet fleet, Recommendation recommendation) {
        public String deploymentId() {
            return fleet.fleet().get("deployments").get(0).get("id").asText();
        }
    }

    public static Prepared withValidatedRecommendation(OptiInfraClient anonymous, CloudSimulatorClient cloud,
                                                       String companyName, String fleetName, String agentType,
                                                       String recommendationType) {
        TestReport.step("Arrange (API): " + companyName + " with fleet " + fleetName + " and a validated "
                + recommendationType + " recommendation");
        TestCustomer customer = TestCustomers.signUp(anonymous, companyName, "pro");
        OnboardedFleet fleet = Onboarding.onboardFleet(anonymous, cloud, customer, fleetName);
        Onboarding.analyzeAndWait(customer, agentType, Optimizations.RECOMMENDATION_TIMEOUT);
        Recommendation rec = Optimizations.awaitValidatedRecommendation(customer, recommendationType);
        return new Prepared(customer, fleet, rec);
    }
}
