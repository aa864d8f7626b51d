package io.optiinfra.e2e.portal;

import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.portal.BrowserSuiteBase;
import io.optiinfra.e2e.support.portal.FormLabels;
import io.optiinfra.e2e.support.portal.OptimizationPage;
import io.optiinfra.e2e.support.portal.PortalCustomers;
import io.optiinfra.e2e.support.portal.PortalFixtures;
import io.optiinfra.e2e.support.portal.RecommendationCard;
import io.optiinfra.e2e.support.portal.RecommendationsPage;
import io.optiinfra.e2e.support.report.TestReport;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** Keyboard-only approval, and every form control of every page has a label. */
@Test(groups = Groups.PORTAL, dependsOnGroups = Groups.SMOKE)
public class PortalAccessibilityIT extends BrowserSuiteBase {
    private static final int MAX_TABS = 80;

    public void approvalWorksWithTheKeyboardAlone() {
        PortalCustomers.Prepared prepared = PortalCustomers.withValidatedRecommendation(api(), cloud(),
                "Keyboard Only Co", "aws-small", "cost", "spot_migration");
        String recId = prepared.recommendation().id();
        WebDriver driver = browser().driver();
        PortalFixtures.logIn(driver, portalUrl(), prepared.customer().email(), prepared.customer().password());
        RecommendationsPage page = RecommendationsPage.open(driver, portalUrl(), prepared.customer().customerId());
        RecommendationCard card = page.card(recId);
        assertThat("approve enabled for the validated recommendation (" + card + ")", card.approveEnabled(),
                equalTo(true));

        TestReport.step("Act: Tab to Approve, press Enter");
        OptimizationPage optimization = page.approveWithKeyboard(recId, MAX_TABS);
        TestReport.info("optimization page " + optimization.currentUrl() + " shows " + optimization.status());

        TestReport.step("Assert: approved; the button is now disabled and tells why (linked for screen readers)");
        RecommendationCard after = RecommendationsPage.open(driver, portalUrl(), prepared.customer().customerId())
                .card(recId);
        assertThat("approve of the approved recommendation enabled", after.approveEnabled(), equalTo(false));
        assertThat("reason", after.blockedReason(), containsString("Not approvable"));
        assertThat("aria-describedby of the disabled button", after.approveDescribedBy(), equalTo("blocked-" + recId));

        TestReport.step("Prove in stores: one optimization for this recommendation");
        assertThat(db().postgres("SELECT id FROM optimizations WHERE customer_id = ?::uuid AND ?::uuid = ANY(recommendation_ids)",
                prepared.customer().customerId(), recId), hasSize(1));
    }

    @DataProvider(name = "pages", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] pages() {
        List<Object[]> rows = new ArrayList<>();
        PortalFixtures.expectations().get("labelled_pages").forEach(p -> rows.add(new Object[]{p.asText()}));
        assertThat("pages in testdata", rows.size(), greaterThan(0));
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "pages")
    public void everyFormControlHasALabel(String pattern) {
        WebDriver driver = browser().driver();
        if (pattern.contains("{customer}")) {
            TestCustomer customer = newCustomer("Label Check Co");
            PortalFixtures.logIn(driver, portalUrl(), customer.email(), customer.password());
            driver.get(portalUrl() + pattern.replace("{customer}", customer.customerId()));
        } else {
            driver.get(portalUrl() + pattern);
        }
        TestReport.step("Assert: " + pattern + " renders and all its controls have accessible names");
        assertThat("page rendered", driver.findElements(By.id("page-title")), not(empty()));
        assertThat("form controls on " + pattern, FormLabels.controls(driver), greaterThan(0));
        assertThat("controls without a label on " + pattern, FormLabels.unlabeled(driver), empty());
    }
}
