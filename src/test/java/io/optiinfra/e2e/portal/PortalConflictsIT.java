package io.optiinfra.e2e.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Recommendation;
import io.optiinfra.e2e.support.data.TestData;
import io.optiinfra.e2e.support.fixtures.Conflicts;
import io.optiinfra.e2e.support.fixtures.Onboarding;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.portal.BrowserSuiteBase;
import io.optiinfra.e2e.support.portal.ConflictsPage;
import io.optiinfra.e2e.support.portal.PortalFixtures;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import org.openqa.selenium.WebDriver;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The conflicts page, for every case of testdata/scenarios/conflicts.json: the customer ticks the conflicting
 * recommendations and sees the strategy the case expects with its outcome (chosen, hybrid or execution order).
 */
@Test(groups = Groups.PORTAL, dependsOnGroups = Groups.SMOKE)
public class PortalConflictsIT extends BrowserSuiteBase {

    @DataProvider(name = "conflictCases", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] conflictCases() {
        List<Object[]> rows = new ArrayList<>();
        TestData.readTree("scenarios/conflicts.json").get("cases").forEach(c -> rows.add(new Object[]{
                c.get("name").asText(), c}));
        assertThat("conflict cases in testdata", rows.size(), greaterThan(0));
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "conflictCases")
    public void conflictResolutionIsShownWithItsStrategy(String name, JsonNode c) {
        List<String> pick = TestData.mapper().convertValue(c.get("pick"), List.class);
        List<String> priority = TestData.mapper().convertValue(c.get("priority_order"), List.class);
        String strategy = c.get("strategy").asText();
        TestCustomer customer = newCustomer("Portal Conflicts " + name);
        Onboarding.onboardFleet(api(), cloud(), customer, c.get("fleet").asText());
        Response preferences = customer.client().setPriorityOrder(customer.customerId(), priority);
        assertThat(preferences.asString(), preferences.statusCode(), equalTo(200));
        Onboarding.analyzeAndWait(customer, null, Optimizations.RECOMMENDATION_TIMEOUT);
        Map<String, Recommendation> picked = Conflicts.awaitRecommendations(customer, pick);

        TestReport.step("Act: tick " + pick + " on the conflicts page and resolve");
        WebDriver driver = browser().driver();
        PortalFixtures.logIn(driver, portalUrl(), customer.email(), customer.password());
        ConflictsPage page = ConflictsPage.open(driver, portalUrl(), customer.customerId())
                .resolve(Conflicts.ids(List.copyOf(picked.values())));

        TestReport.step("Assert: the page shows strategy " + strategy + " and its outcome");
        assertThat("conflict detected", page.conflictDetected(), equalTo("yes"));
        assertThat("strategy shown", page.strategy(), equalTo(strategy));
        List<String> titles = picked.values().stream().map(r -> {
            assertThat("title of " + r, r.title(), notNullValue());
            return r.title();
        }).toList();
        switch (strategy) {
            case "prioritize_customer" -> {
                List<String> expected = picked.values().stream().filter(r -> c.has("chosen_type")
                        ? c.get("chosen_type").asText().equals(r.type())
                        : c.get("chosen_agent_type").asText().equals(r.agentType()))
                        .map(Recommendation::title).toList();
                assertThat("recommendations the case allows to be chosen", expected.size(), greaterThan(0));
                assertThat("chosen recommendation shown", page.chosen(), in(expected));
            }
            case "negotiate_hybrid" -> assertThat("hybrid solution shown", page.hybrid(),
                    allOf(containsString("on spot"), containsString("within SLO")));
            case "sequential_execution" -> assertThat("execution order shown", page.executionOrder(),
                    containsInAnyOrder(titles.toArray(String[]::new)));
            default -> throw new AssertionError("conflicts.json names an unknown strategy: " + strategy);
        }

        TestReport.step("Prove in stores: the resolution is recorded with the strategy shown");
        assertThat(db().postgres("SELECT id FROM conflict_resolutions WHERE customer_id = ?::uuid AND strategy = ?",
                customer.customerId(), strategy), hasSize(1));
    }
}
