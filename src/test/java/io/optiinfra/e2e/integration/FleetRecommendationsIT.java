package io.optiinfra.e2e.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.ApiTest;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.data.TestData;
import io.optiinfra.e2e.support.fixtures.OnboardedFleet;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/**
 * For every fleet of testdata/fleets: onboard, analyze with all four agents, and check the recommendation types the
 * fleet file expects, spot savings equal to the catalog arithmetic (computed here, independently), and validations
 * from both validating agents.
 */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class FleetRecommendationsIT extends ApiTest {
    private static final Duration ANALYSIS_TIMEOUT = Duration.ofSeconds(45);

    @DataProvider(name = "fleets", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] fleets() {
        return TestData.listFiles("fleets").stream()
                .map(path -> new Object[] {path.replace("fleets/", "").replace(".json", "")})
                .toArray(Object[][]::new);
    }

    @Test(dataProvider = "fleets")
    public void fleetGetsItsExpectedValidatedRecommendations(String fleetName) {
        TestCustomer customer = newCustomer("Fleet " + fleetName);
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, fleetName);

        TestReport.step("Act: analyze with every agent");
        Onboarding.analyzeAndWait(customer, null, ANALYSIS_TIMEOUT);

        TestReport.step("Wait: both validations on every cost/resource recommendation");
        List<Map<String, Object>> recs = Onboarding.awaitValidated(customer, ANALYSIS_TIMEOUT);

        TestReport.step("Assert: expected types, catalog-exact spot savings, validations");
        List<Object> types = recs.stream().map(r -> r.get("type")).toList();
        for (JsonNode expected : fleet.fleet().get("expectations").get("recommendation_types")) {
            assertThat(fleetName + " recommendation types", types, hasItem(expected.asText()));
        }
        recs.stream().filter(r -> "spot_migration".equals(r.get("type"))).forEach(spot -> {
            double expectedSavings = expectedSpotSavings(fleet, (List<?>) spot.get("affected_resources"));
            assertThat("spot savings from the catalog", ((Number) spot.get("estimated_savings")).doubleValue(),
                    closeTo(expectedSavings, 0.01));
        });
        for (Map<String, Object> rec : recs) {
            if (List.of("cost", "resource").contains(rec.get("agent_type"))) {
                List<Object> validators = ((List<Map<String, Object>>) rec.get("validations")).stream()
                        .map(v -> v.get("agent_type")).toList();
                assertThat(rec.get("type") + " validated by", validators, hasItems("performance", "application"));
            }
        }

        TestReport.step("Prove in stores");
        assertThat(db().postgres("SELECT id FROM recommendations WHERE customer_id = ?::uuid", customer.customerId())
                .size(), equalTo(recs.size()));
        assertThat(db().postgres("SELECT type FROM events WHERE customer_id = ?::uuid AND type = 'validation_added'",
                customer.customerId()).size(), greaterThan(0));
    }

    public void mediumFleetSpotMigrationSavesAtLeastFortyPercentOfItsMonthlyCost() {
        TestCustomer customer = newCustomer("Medium Fleet Spot");
        OnboardedFleet fleet = Onboarding.onboardFleet(api(), cloud(), customer, "aws-medium");

        Onboarding.analyzeAndWait(customer, "cost", ANALYSIS_TIMEOUT);

        Map<String, Object> spot = customer.client().recommendations(customer.customerId()).jsonPath()
                .<Map<String, Object>>getList("").stream().filter(r -> "spot_migration".equals(r.get("type")))
                .findFirst().orElseThrow(() -> new AssertionError("no spot_migration recommendation"));
        double monthly = cloud().summary(customer.customerId()).get("monthly_cost").asDouble();
        double savings = ((Number) spot.get("estimated_savings")).doubleValue();
        TestReport.metric("fleet monthly cost", monthly, "USD");
        TestReport.metric("spot_migration estimated savings", savings, "USD/month");
        assertThat(savings, closeTo(expectedSpotSavings(fleet, (List<?>) spot.get("affected_resources")), 0.01));
        assertThat("savings share of the monthly cost", savings / monthly >= 0.40, equalTo(true));
        assertThat(List.of("low", "medium"), hasItem(spot.get("risk_level")));
    }

    /** Σ (on-demand − spot) × 730 over the affected on-demand instances, from the simulator's catalog. */
    private double expectedSpotSavings(OnboardedFleet fleet, List<?> affected) {
        double total = 0;
        for (JsonNode instance : cloud().runningInstances(fleet.customerId())) {
            if (affected.contains(instance.get("id").asText()) && "on_demand".equals(instance.get("market").asText())) {
                JsonNode type = cloud().instanceType(instance.get("cloud").asText(), instance.get("instance_type").asText());
                total += (type.get("on_demand_hourly").asDouble() - type.get("spot_hourly").asDouble()) * 730;
            }
        }
        assertThat("affected on-demand instances priced", total, greaterThan(0.0));
        return total;
    }
}
