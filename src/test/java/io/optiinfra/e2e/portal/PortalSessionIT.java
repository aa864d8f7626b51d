package io.optiinfra.e2e.portal;

import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.portal.Browser;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.portal.BrowserSuiteBase;
import io.optiinfra.e2e.support.portal.ErrorPage;
import io.optiinfra.e2e.support.portal.LoginPage;
import io.optiinfra.e2e.support.portal.PortalFixtures;
import io.optiinfra.e2e.support.portal.SettingsPage;
import io.optiinfra.e2e.support.report.TestReport;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.testng.annotations.Test;

import java.util.List;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Sessions and errors: an expired session, refused credentials, API errors shown as messages, settings saved, and a
 * reused browser keeping nothing of the test before it.
 */
@Test(groups = Groups.PORTAL, dependsOnGroups = Groups.SMOKE)
public class PortalSessionIT extends BrowserSuiteBase {

    /**
     * A token the orchestrator no longer accepts (here: its signature altered, the answer an expired token gets
     * too — 401) sends the browser back to the login page with a message instead of a broken page.
     */
    public void aSessionTheApiRefusesReturnsToTheLoginPage() {
        TestCustomer customer = newCustomer("Expiring Session Co");
        WebDriver driver = browser().driver();
        PortalFixtures.logIn(driver, portalUrl(), customer.email(), customer.password());
        Cookie session = driver.manage().getCookieNamed("optiinfra_session");
        assertThat("session cookie after login", session, notNullValue());
        assertThat("session cookie readable by script", session.isHttpOnly(), equalTo(true));

        TestReport.step("Act: the token stops being accepted; open the dashboard");
        String token = session.getValue();
        String refused = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        // off the live dashboard first: its next poll would meet the refused token, clear the cookie and race the
        // navigation below to the login page (seen: the login page without the message, the cookie already gone)
        driver.get(portalUrl() + "/health");
        driver.manage().deleteCookieNamed("optiinfra_session");
        driver.manage().addCookie(new Cookie("optiinfra_session", refused, "/"));
        driver.get(portalUrl() + "/customers/" + customer.customerId() + "/dashboard");

        TestReport.step("Assert: the login page, saying the session expired");
        LoginPage login = new LoginPage(driver);
        assertThat("url", login.currentUrl(), containsString("/login"));
        assertThat("message", login.errorMessage(), containsString("session has expired"));
    }

    /**
     * The reset the pool gives a browser before the next test takes it (the same CDP commands on this machine and on
     * a Selenium Grid) leaves no session cookie, no storage of the portal's origin, and no way into the dashboard.
     */
    public void aResetBrowserKeepsNothingOfTheTestBefore() {
        TestCustomer customer = newCustomer("Reset Browser Co");
        Browser browser = browser();
        WebDriver driver = browser.driver();
        JavascriptExecutor script = (JavascriptExecutor) driver;
        PortalFixtures.logIn(driver, portalUrl(), customer.email(), customer.password());
        script.executeScript("localStorage.setItem('optiinfra-probe', '1'); sessionStorage.setItem('optiinfra-probe', '1')");
        assertThat("cookies before the reset (CDP Network.getAllCookies)", browser.cookies(), not(empty()));

        TestReport.step("Act: reset the browser as the pool does before handing it on (" + browser.where() + ")");
        browser.reset(portalUrl());

        TestReport.step("Assert: no cookie, no storage of the portal's origin, the dashboard asks to log in");
        assertThat("cookies after the reset (CDP Network.getAllCookies)", browser.cookies(), empty());
        driver.get(portalUrl() + "/login");
        assertThat("localStorage + sessionStorage entries of the portal's origin",
                script.executeScript("return localStorage.length + sessionStorage.length"), equalTo(0L));
        driver.get(portalUrl() + "/customers/" + customer.customerId() + "/dashboard");
        assertThat("url of the dashboard without a session", new LoginPage(driver).currentUrl(), containsString("/login"));
    }

    public void refusedCredentialsAreShownAsAMessage() {
        TestCustomer customer = newCustomer("Wrong Password Co");
        WebDriver driver = browser().driver();
        LoginPage login = LoginPage.open(driver, portalUrl()).logInRefused(customer.email(), "not-" + customer.password());
        assertThat("message", login.errorMessage(), containsString("Log in failed"));
        assertThat("no session after a refused login", driver.manage().getCookieNamed("optiinfra_session"), nullValue());
    }

    public void priorityOrderIsSavedAndAnInvalidOneIsExplained() {
        TestCustomer customer = newCustomer("Priorities Co");
        WebDriver driver = browser().driver();
        PortalFixtures.logIn(driver, portalUrl(), customer.email(), customer.password());
        List<String> wanted = List.of("cost", "resource", "customer", "performance");

        TestReport.step("Act: save " + wanted + " with the ordered selects");
        SettingsPage settings = SettingsPage.open(driver, portalUrl(), customer.customerId()).save(wanted);
        assertThat("notice", settings.notice(), equalTo("Priority order saved."));
        assertThat("order shown after saving", settings.priorityOrder(), equalTo(wanted));
        assertThat("stored order", storedOrder(customer), equalTo(String.join(",", wanted)));

        TestReport.step("Act: save an order naming one party twice");
        settings = settings.save(List.of("cost", "cost", "customer", "performance"));
        assertThat("API error shown as a message", settings.errorMessage(), containsString("distinct parties"));
        assertThat("stored order unchanged", storedOrder(customer), equalTo(String.join(",", wanted)));
    }

    public void anUnknownOptimizationShowsNotFoundWithTheApisMessage() {
        TestCustomer customer = newCustomer("Lost Link Co");
        WebDriver driver = browser().driver();
        PortalFixtures.logIn(driver, portalUrl(), customer.email(), customer.password());
        driver.get(portalUrl() + "/optimizations/" + UUID.randomUUID());
        ErrorPage page = new ErrorPage(driver);
        assertThat("status shown", page.status(), equalTo(404));
        assertThat("title", page.heading(), equalTo("Not found"));
        assertThat("the API's message", page.message(), containsString("does not exist"));
    }

    private String storedOrder(TestCustomer customer) {
        Object order = db().postgres("SELECT array_to_string(priority_order, ',') AS o FROM customers WHERE id = ?::uuid",
                customer.customerId()).get(0).get("o");
        return String.valueOf(order);
    }
}
