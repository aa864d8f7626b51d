package io.optiinfra.e2e.integration;

import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.data.DataProviders;
import io.optiinfra.e2e.support.data.Fleet;
import io.optiinfra.e2e.support.fixtures.FleetState;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.report.TestReport;
import org.testng.annotations.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * For every fleet of testdata/fleets: onboard, analyze with all four agents, and check the recommendation types the
 * fleet file expects, the savings and chosen instance types it pins (recomputed from the simulator's catalog for spot
 * migration), and validations from both validating agents.
 */
@Test(groups = Groups.INTEGRATION, dependsOnGroups = Groups.SMOKE)
public class FleetRecommendationsIT extends SuiteBase {
    private static final Duration ANALYSIS_TIMEOUT = Duration.ofSeconds(45);
    private static final double CENTS = 0.02;

    @Test(dataProvider = DataProviders.ALL_FLEETS, dataProviderClass = DataProviders.class)
    public void fleetGetsItsExpectedValidatedRecommendations(Fleet fleet) {
        TestCustomer customer = newCustomer("Fleet " + fleet);
        Onboarding.onboardFleet(api(), cloud(), customer, fleet.name());

        TestReport.step("Act: analyze with every agent");
        Onboarding.analyzeAndWait(customer, null, ANALYSIS_TIMEOUT);

        TestReport.step("Wait: both validations on every cost/resource recommendation");
        Onboarding.awaitValidated(customer, ANALYSIS_TIMEOUT);
        List<Recommendation> recs = Api.list(customer.client().recommendations(customer.customerId()),
                Recommendation.class);

        TestReport.step("Assert: expected types, pinned savings and target types, validations");
        List<String> types = recs.stream().map(Recommendation::type).toList();
        assertThat(fleet + " recommendation types", types,
                hasItems(fleet.expectations().recommendationTypes().toArray(new String[0])));
        fleet.expectations().outcomes().forEach((type, pinned) -> {
            List<Recommendation> ofType = recs.stream().filter(r -> type.equals(r.type())).toList();
            assertThat(fleet + " " + type + " recommendations", ofType, hasSize(1));
            Recommendation rec = ofType.get(0);
            assertThat(type + " deployment", rec.deploymentId(), equalTo(pinned.deploymentId()));
            assertThat(type + " estimated_savings vs testdata", rec.estimatedSavings(),
                    closeTo(pinned.estimatedSavings(), CENTS));
            if (pinned.targetInstanceType() != null) {
                assertThat(type + " target_instance_type", rec.details().path("target_instance_type").asText(),
                        equalTo(pinned.targetInstanceType()));
            }
        });
        recs.stream().filter(r -> "spot_migration".equals(r.type())).forEach(spot -> assertThat(
                "spot savings from the catalog", spot.estimatedSavings(), closeTo(FleetState.monthlySavingsFromCatalog(
                        cloud(), customer.customerId(), spot.detailIds("instance_ids"), "spot_hourly"), CENTS)));
        List<Recommendation> validated = recs.stream().filter(Recommendation::needsBothValidations).toList();
        assertThat(fleet + " cost/resource recommendations", validated, not(hasSize(0)));
        for (Recommendation rec : validated) {
            assertThat(rec.type() + " validated by", rec.validations().stream().map(v -> v.agentType()).toList(),
                    hasItems("performance", "application"));
        }

        TestReport.step("Prove in stores");
        assertThat(db().postgres("SELECT id FROM recommendations WHERE customer_id = ?::uuid", customer.customerId()),
                hasSize(recs.size()));
        assertThat(db().postgres("SELECT type FROM events WHERE customer_id = ?::uuid AND type = 'validation_added'",
                customer.customerId()).size(), greaterThanOrEqualTo(2 * validated.size()));
    }

    public void mediumFleetSpotMigrationSavesAtLeastFortyPercentOfItsMonthlyCost() {
        Fleet fleet = Fleet.named("aws-medium");
        TestCustomer customer = newCustomer("Medium Fleet Spot");
        Onboarding.onboardFleet(api(), cloud(), customer, fleet.name());

        Onboarding.analyzeAndWait(customer, "cost", ANALYSIS_TIMEOUT);

        Recommendation spot = Api.list(customer.client().recommendations(customer.customerId()), Recommendation.class)
                .stream().filter(r -> "spot_migration".equals(r.type())).findFirst()
                .orElseThrow(() -> new AssertionError("no spot_migration recommendation"));
        double monthly = cloud().summary(customer.customerId()).get("monthly_cost").asDouble();
        TestReport.metric("fleet monthly cost", monthly, "USD");
        TestReport.metric("spot_migration estimated savings", spot.estimatedSavings(), "USD/month");
        assertThat(spot.estimatedSavings(), closeTo(FleetState.monthlySavingsFromCatalog(cloud(), customer.customerId(),
                spot.detailIds("instance_ids"), "spot_hourly"), CENTS));
        assertThat("savings share of the monthly cost", spot.estimatedSavings() / monthly, greaterThanOrEqualTo(0.40));
        assertThat(List.of("low", "medium"), hasItem(spot.riskLevel()));
        assertThat("fleet monthly cost vs testdata", monthly, closeTo(fleet.expectations().monthlyCost(), CENTS));
    }
}
