package io.optiinfra.e2e.portal;

import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.optiinfra.e2e.support.portal.BrowserSuiteBase;
import io.optiinfra.e2e.support.portal.DashboardPage;
import io.optiinfra.e2e.support.portal.OnboardingPage;
import io.optiinfra.e2e.support.portal.PortalFixtures;
import io.optiinfra.e2e.support.portal.SignupPage;
import io.optiinfra.e2e.support.report.TestReport;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;

/** Markup in a company name is shown as text on every page that shows it, and never runs. */
@Test(groups = Groups.PORTAL, dependsOnGroups = Groups.SMOKE)
public class PortalEscapingIT extends BrowserSuiteBase {

    @DataProvider(name = "payloads", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] payloads() {
        List<Object[]> rows = new ArrayList<>();
        PortalFixtures.expectations().get("company_name_payloads").forEach(p -> rows.add(new Object[]{p.asText()}));
        assertThat("payloads in testdata", rows.size(), greaterThan(0));
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "payloads")
    public void markupInTheCompanyNameIsShownAsText(String companyName) {
        WebDriver driver = browser().driver();
        String email = TestCustomers.uniqueEmail();
        String password = TestCustomers.strongPassword();

        TestReport.step("Act: sign up with the company name " + companyName);
        OnboardingPage onboarding = SignupPage.open(driver, portalUrl()).signUp(companyName, email, password, "pro");
        String customerId = PortalFixtures.customerIdFromUrl(onboarding.currentUrl());

        TestReport.step("Assert: shown literally on onboarding and dashboard, nothing injected ran or was parsed");
        assertThat("company name on onboarding", onboarding.companyName(), equalTo(companyName));
        assertNothingInjected(driver);
        DashboardPage dashboard = DashboardPage.open(driver, portalUrl(), customerId);
        assertThat("company name on the dashboard", dashboard.companyName(), equalTo(companyName));
        assertNothingInjected(driver);

        TestReport.step("Prove in stores: stored verbatim");
        assertThat(db().postgres("SELECT company_name FROM customers WHERE id = ?::uuid", customerId).get(0)
                .get("company_name"), equalTo(companyName));
    }

    private static void assertNothingInjected(WebDriver driver) {
        assertThat("script of the payload ran", ((JavascriptExecutor) driver).executeScript("return window.__xss;"),
                nullValue());
        assertThat("elements parsed from the company name",
                driver.findElements(By.cssSelector("#company-name *")), empty());
    }
}
