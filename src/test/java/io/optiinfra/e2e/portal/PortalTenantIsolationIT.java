package io.optiinfra.e2e.portal;

import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.fixtures.Optimizations;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.optiinfra.e2e.support.portal.BrowserSuiteBase;
import io.optiinfra.e2e.support.portal.ErrorPage;
import io.optiinfra.e2e.support.portal.PortalCustomers;
import io.optiinfra.e2e.support.portal.PortalFixtures;
import io.optiinfra.e2e.support.portal.PortalPage;
import io.optiinfra.e2e.support.report.TestReport;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;

/**
 * A second tenant, signed in to the portal, opens each of the first tenant's pages by URL (testdata/scenarios/
 * portal.json): every one answers the forbidden page and shows none of the first tenant's data.
 */
@Test(groups = Groups.PORTAL, dependsOnGroups = Groups.SMOKE)
public class PortalTenantIsolationIT extends BrowserSuiteBase {
    /** The first tenant (with a recommendation and an optimization) and the intruder; set once for the class. */
    private PortalCustomers.Prepared owner;
    private String ownerOptimizationId;
    private TestCustomer intruder;

    @BeforeClass(alwaysRun = true)
    public void twoTenants() {
        owner = PortalCustomers.withValidatedRecommendation(api(), cloud(), "Isolation Owner Ltd", "aws-small", "cost",
                "spot_migration");
        ownerOptimizationId = Optimizations.approve(owner.customer(), owner.recommendation());
        intruder = TestCustomers.signUp(api(), "Isolation Intruder Inc", "pro");
    }

    @DataProvider(name = "ownerPages", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] ownerPages() {
        List<Object[]> rows = new ArrayList<>();
        PortalFixtures.expectations().get("tenant_pages").forEach(p -> rows.add(new Object[]{p.asText()}));
        assertThat("tenant pages in testdata", rows.size(), greaterThan(0));
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "ownerPages")
    public void anotherTenantsPageIsForbiddenAndShowsNoData(String pattern) {
        String path = pattern.replace("{customer}", owner.customer().customerId())
                .replace("{optimization}", ownerOptimizationId)
                .replace("{recommendation}", owner.recommendation().id());
        WebDriver driver = browser().driver();
        PortalFixtures.logIn(driver, portalUrl(), intruder.email(), intruder.password());

        TestReport.step("Act: the intruder opens " + path);
        driver.get(portalUrl() + path);
        String heading = new WebDriverWait(driver, PortalPage.PAGE_TIMEOUT).withMessage("a page rendered for " + path)
                .until(d -> d.findElements(By.id("page-title")).stream().findFirst().map(e -> e.getText()).orElse(null));
        assertThat("the intruder got the forbidden page, not the page titled '" + heading + "'",
                driver.findElements(By.id("error-page")), not(empty()));
        ErrorPage page = new ErrorPage(driver);

        TestReport.step("Assert: forbidden page, none of the owner's data");
        assertThat("HTTP status shown", page.status(), equalTo(403));
        assertThat("page title", page.heading(), equalTo("Forbidden"));
        String shown = page.bodyText() + driver.getPageSource();
        assertThat(shown, not(containsString(owner.customer().companyName())));
        assertThat(shown, not(containsString(owner.recommendation().title())));
        assertThat(shown, not(containsString("validate_canary")));
        assertThat(shown, not(containsString(owner.deploymentId())));
    }
}
