package io.optiinfra.e2e.support.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.data.TestData;
import io.optiinfra.e2e.support.report.TestReport;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The portal tests' expectations (testdata/portal/portal.json) and small shared steps. */
public final class PortalFixtures {
    public static final String FILE = "portal/portal.json";

    private PortalFixtures() {}

    public static JsonNode expectations() {
        return TestData.readTree(FILE);
    }

    /** Customer id from a portal URL such as /customers/{id}/onboarding. */
    public static String customerIdFromUrl(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/customers/([0-9a-f-]{36})/").matcher(url);
        if (!m.find()) {
            throw new AssertionError("no customer id in the portal URL " + url);
        }
        return m.group(1);
    }

    /** Logs in through the login page. */
    public static DashboardPage logIn(WebDriver driver, String portalUrl, String email, String password) {
        TestReport.info("log in through the portal as " + email);
        return LoginPage.open(driver, portalUrl).logIn(email, password);
    }

    /** Saves a screenshot under target/portal-screenshots (the README's dashboard picture comes from there). */
    public static Path saveScreenshot(WebDriver driver, String name) {
        try {
            Path dir = Path.of(System.getProperty("optiinfra.projectDir", "."), "target", "portal-screenshots");
            Files.createDirectories(dir);
            Path target = dir.resolve(name + ".png");
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                    StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
