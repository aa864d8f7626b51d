package io.optiinfra.e2e.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.portal.BrowserSuiteBase;
import io.optiinfra.e2e.support.portal.OptimizationPage;
import io.optiinfra.e2e.support.portal.PortalCustomers;
import io.optiinfra.e2e.support.portal.PortalFixtures;
import io.optiinfra.e2e.support.portal.RecommendationsPage;
import io.optiinfra.e2e.support.report.TestReport;
import org.openqa.selenium.WebDriver;
import org.testng.annotations.Test;

import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * A failing rollout watched live in the browser: the simulator degrades the canary, the validate_canary gate fails,
 * and the page follows the rollback to rolled_back — original state restored — without a reload.
 */
@Test(groups = Groups.PORTAL, dependsOnGroups = Groups.SMOKE)
public class PortalRollbackIT extends BrowserSuiteBase {

    public void failingRolloutIsWatchedLiveUntilRolledBack() {
        JsonNode expect = PortalFixtures.expectations().get("rollback");
        String type = expect.get("recommendation_type").asText();
        String failedStep = expect.get("failed_step").asText();
        PortalCustomers.Prepared prepared = PortalCustomers.withValidatedRecommendation(api(), cloud(),
                "Portal Rollback Watcher", expect.get("fleet").asText(), null, type);
        String customerId = prepared.customer().customerId();
        String recId = prepared.recommendation().id();

        TestReport.step("Arrange: the change's new version answers worse (" + expect.get("fault") + ")");
        JsonNode fault = expect.get("fault");
        cloud().injectFault(customerId, fault.get("type").asText(), prepared.deploymentId(),
                fault.get("magnitude").asDouble());

        TestReport.step("Act: log in and approve in the browser");
        WebDriver driver = browser().driver();
        PortalFixtures.logIn(driver, portalUrl(), prepared.customer().email(), prepared.customer().password());
        OptimizationPage page = RecommendationsPage.open(driver, portalUrl(), customerId).approve(recId);
        page.markDocument();

        TestReport.step("Wait: the page shows the gate failing and the rollback completing, live");
        String status = page.awaitFinished(Optimizations.ROLLOUT_TIMEOUT);
        Map<String, String> steps = page.steps();
        TestReport.info("steps shown: " + steps);
        assertThat("final status shown (steps " + steps + ")", status, equalTo("rolled_back"));
        assertThat("status of " + failedStep + " shown", steps.get(failedStep), equalTo("failed"));
        assertThat("gate result shown on the failed gate", page.gateText(failedStep), not(emptyOrNullString()));
        assertThat("original state restored shown", page.originalStateRestored(), equalTo("yes"));
        assertThat("rollback reason shown", page.rollbackReason(), not(emptyOrNullString()));
        assertThat("the rollback was followed without a reload", page.sameDocument(), equalTo(true));
        assertThat("live events received by the page", page.liveEvents(), greaterThan(0));

        TestReport.step("Prove in stores: the optimization is rolled back in PostgreSQL");
        assertThat(db().postgres("SELECT id FROM optimizations WHERE id = ?::uuid AND status = 'rolled_back' "
                + "AND customer_id = ?::uuid", page.optimizationId(), customerId), hasSize(1));
    }
}
