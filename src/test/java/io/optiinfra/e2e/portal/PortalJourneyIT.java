package io.optiinfra.e2e.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.data.CustomerProfile;
import io.optiinfra.e2e.support.data.DataProviders;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;
import io.optiinfra.e2e.support.portal.Browser;
import io.optiinfra.e2e.support.portal.BrowserSuiteBase;
import io.optiinfra.e2e.support.portal.DashboardPage;
import io.optiinfra.e2e.support.portal.OnboardingPage;
import io.optiinfra.e2e.support.portal.OptimizationPage;
import io.optiinfra.e2e.support.portal.PortalFixtures;
import io.optiinfra.e2e.support.portal.RecommendationCard;
import io.optiinfra.e2e.support.portal.RecommendationsPage;
import io.optiinfra.e2e.support.portal.SignupPage;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import org.openqa.selenium.WebDriver;
import org.testng.annotations.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * A customer's whole journey in the browser, for every customer profile: sign up → onboard (install command,
 * discovery live) → validated recommendations appear by themselves (the platform's first analysis) → approve →
 * the rollout advances live → the savings shown equal the drop in monthly cost measured in ClickHouse.
 */
@Test(groups = Groups.PORTAL, dependsOnGroups = Groups.SMOKE)
public class PortalJourneyIT extends BrowserSuiteBase {
    /** discovery, then the first analysis with both validations: the API scenarios' own budgets, back to back */
    private static final Duration RECOMMENDATIONS_SHOWN = Onboarding.DISCOVERY_TIMEOUT.plus(Optimizations.RECOMMENDATION_TIMEOUT);

    @Test(dataProvider = DataProviders.CUSTOMER_PROFILES, dataProviderClass = DataProviders.class)
    public void customerJourneyInTheBrowser(CustomerProfile profile) {
        JsonNode expect = PortalFixtures.expectations();
        String fleetName = expect.get("fleet_by_cloud").get(profile.cloudProvider()).asText();
        JsonNode fleet = CloudSimulatorClient.fleetFile(fleetName);
        String type = expect.get("approve_type").asText();
        WebDriver driver = browser().driver();
        String email = TestCustomers.uniqueEmail();
        String password = TestCustomers.strongPassword();

        TestReport.step("Act: sign up as a " + profile + " customer in the browser");
        OnboardingPage onboarding = SignupPage.open(driver, portalUrl()).signUp(profile.companyName(), email, password,
                profile.plan());
        String customerId = PortalFixtures.customerIdFromUrl(onboarding.currentUrl());
        assertThat("company shown after sign-up", onboarding.companyName(), equalTo(profile.companyName()));

        TestReport.step("Act: connect the " + profile.cloudProvider() + " account; the page shows the install command");
        cloud().seedFleet(customerId, fleet);
        onboarding = onboarding.connectCloud(profile.cloudProvider(), profile.region(),
                "arn:aws:iam::123456789012:role/OptiInfraReadOnly");
        assertThat("install command", onboarding.installCommand(), allOf(startsWith("curl "),
                containsString("--customer-id " + customerId)));
        String token = onboarding.agentToken();
        onboarding.markDocument();

        TestReport.step("Act: the runtime (played by the test) connects with the token copied from the page");
        Response connect = api().withToken(token).connectRuntime(customerId, token, "portal-runtime", "1.0.0");
        assertThat(connect.asString(), connect.statusCode(), equalTo(200));

        TestReport.step("Wait: discovery completes on the page, live");
        int expectedInstances = fleet.get("instances").findValues("count").stream().mapToInt(JsonNode::asInt).sum();
        assertThat("instances shown as discovered", onboarding.awaitDiscovered(Onboarding.DISCOVERY_TIMEOUT),
                equalTo(expectedInstances));
        assertThat("discovery status arrived without a reload", onboarding.sameDocument(), equalTo(true));

        TestReport.step("Wait: validated recommendations appear without pressing anything");
        RecommendationsPage recommendations = RecommendationsPage.open(driver, portalUrl(), customerId);
        RecommendationCard card = recommendations.awaitCard(type, c -> c.fullyValidated() && c.approveEnabled(),
                "validated by performance and application, approvable", RECOMMENDATIONS_SHOWN);
        TestReport.info("shown: " + card);

        TestReport.step("Act: approve in the browser and watch the rollout advance live");
        Instant approvedAt = Instant.now();
        double spendBefore = Optimizations.sampleBefore(db(), customer(customerId, email, password, profile),
                "monthly_cost", "account", approvedAt);
        OptimizationPage optimization = recommendations.approve(card.id());
        optimization.markDocument();
        String status = optimization.awaitFinished(Optimizations.ROLLOUT_TIMEOUT);
        Map<String, String> steps = optimization.steps();
        TestReport.info("steps shown: " + steps);
        assertThat("final status shown (steps " + steps + ")", status, equalTo("completed"));
        assertThat("steps shown", steps.size(), greaterThanOrEqualTo(6));
        assertThat("every step shown completed", steps.values(), everyItem(equalTo("completed")));
        assertThat("the rollout advanced without a reload", optimization.sameDocument(), equalTo(true));
        assertThat("live events received by the page", optimization.liveEvents(), greaterThan(0));
        assertThat("gate result shown on validate_canary", optimization.gateText("validate_canary"), not(equalTo("")));

        TestReport.step("Assert: savings shown equal the drop in monthly_cost measured in ClickHouse");
        double spendAfter = Optimizations.awaitSampleAfter(db(), customer(customerId, email, password, profile),
                "monthly_cost", "account", Instant.now());
        double measured = spendBefore - spendAfter;
        TestReport.metric("measured savings (ClickHouse)", measured, "USD/month");
        assertThat("measured savings", measured, greaterThan(0.0));
        DashboardPage dashboard = DashboardPage.open(driver, portalUrl(), customerId);
        double tolerance = expect.get("savings_tolerance").asDouble() * measured;
        assertThat("savings to date on the dashboard (" + dashboard.realizedSavingsText() + ")",
                dashboard.realizedSavings(), closeTo(measured, tolerance));
        assertThat("current monthly spend on the dashboard", dashboard.currentSpend(), closeTo(spendAfter,
                expect.get("savings_tolerance").asDouble() * spendAfter));
        assertThat("points in the monthly cost chart", dashboard.chartPoints(), greaterThanOrEqualTo(2));
        TestReport.info("dashboard screenshot: " + PortalFixtures.saveScreenshot(driver, "dashboard-" + profile.profile()));

        TestReport.step("Assert: the approved recommendation can no longer be approved, and says why");
        RecommendationCard after = RecommendationsPage.open(driver, portalUrl(), customerId).card(card.id());
        assertThat("approve button of the executed recommendation enabled", after.approveEnabled(), equalTo(false));
        assertThat("reason shown", after.blockedReason(), containsString(after.status()));

        TestReport.step("Prove in stores: one automatic analysis, the recommendation completed");
        assertThat(db().postgres("SELECT id FROM analyses WHERE customer_id = ?::uuid", customerId), hasSize(1));
        assertThat(db().postgres("SELECT status FROM recommendations WHERE id = ?::uuid", card.id()).get(0)
                .get("status"), equalTo("completed"));
        assertThat(db().postgres("SELECT company_name FROM customers WHERE id = ?::uuid", customerId).get(0)
                .get("company_name"), equalTo(profile.companyName()));
    }

    /** The browser-made customer as the suite's fixtures know customers (for the store helpers). */
    private TestCustomer customer(String id, String email, String password, CustomerProfile profile) {
        return new TestCustomer(id, email, password, profile.companyName(), profile.plan(), null, api());
    }
}
