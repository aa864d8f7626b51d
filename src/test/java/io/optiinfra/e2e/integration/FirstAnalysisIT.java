package io.optiinfra.e2e.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.InstallCommand;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Once discovery completes the platform starts a first analysis by itself: an outside client that never calls
 * analyze sees validated recommendations; a client that opted out (first_analysis: false) gets none.
 */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class FirstAnalysisIT extends SuiteBase {

    public void discoveryStartsOneAnalysisByAllAgents() {
        TestCustomer customer = newCustomer("First Analysis Co");
        JsonNode fleet = CloudSimulatorClient.fleetFile("aws-small");
        cloud().seedFleet(customer.customerId(), fleet);

        TestReport.step("Act: onboard (default: first analysis on) and connect the runtime; never call analyze");
        Response onboard = customer.client().onboard(customer.customerId(), "aws", "us-east-1", "arn:aws:iam::1:role/x");
        assertThat(onboard.asString(), onboard.statusCode(), equalTo(202));
        String token = Api.read(customer.client().agentInstallCommand(customer.customerId()), InstallCommand.class)
                .agentToken();
        assertThat(api().withToken(token).connectRuntime(customer.customerId(), token, "rt", "1.0.0").statusCode(),
                equalTo(200));
        Onboarding.awaitDiscovered(customer, fleet.get("instances").findValues("count").stream()
                .mapToInt(JsonNode::asInt).sum());

        TestReport.step("Wait: recommendations with both validations appear by themselves");
        List<Recommendation> recs = Onboarding.awaitValidated(customer, Optimizations.RECOMMENDATION_TIMEOUT);
        TestReport.info(recs.size() + " recommendations without an analyze call");

        TestReport.step("Prove in stores: exactly one analysis, by all four agent types, marked started once");
        List<Map<String, Object>> analyses = db().postgres("SELECT array_to_string(agent_types, ',') AS types "
                + "FROM analyses WHERE customer_id = ?::uuid", customer.customerId());
        assertThat(analyses, hasSize(1));
        assertThat(analyses.get(0).get("types"), equalTo("cost,performance,resource,application"));
        assertThat(db().postgres("SELECT customer_id FROM onboarding WHERE customer_id = ?::uuid AND "
                + "first_analysis_started_at IS NOT NULL", customer.customerId()), hasSize(1));
    }

    public void anOnboardingThatOptedOutGetsNoAnalysis() {
        TestCustomer customer = newCustomer("No First Analysis Co");
        Onboarding.onboardFleet(api(), cloud(), customer, "aws-small"); // the fixture opts out

        TestReport.step("Prove in stores: the opt-out is stored and no analysis exists");
        // the platform starts the first analysis in the request that stores the discovered snapshot, so by now
        // (discovery observed) it would exist
        assertThat(db().postgres("SELECT customer_id FROM onboarding WHERE customer_id = ?::uuid AND NOT first_analysis "
                + "AND first_analysis_started_at IS NULL", customer.customerId()), hasSize(1));
        assertThat(db().postgres("SELECT id FROM analyses WHERE customer_id = ?::uuid", customer.customerId()),
                hasSize(0));
    }
}
