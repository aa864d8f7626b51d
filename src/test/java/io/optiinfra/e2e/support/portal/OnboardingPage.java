package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** /customers/{id}/onboarding: connect the cloud account, read the install command, watch discovery live. */
public final class OnboardingPage extends PortalPage {
    private static final Pattern TOKEN = Pattern.compile("--agent-token\\s+(\\S+)");

    public OnboardingPage(WebDriver driver) {
        super(driver);
        visible(By.id("page-title"));
    }

    public static OnboardingPage open(WebDriver driver, String portalUrl, String customerId) {
        driver.get(portalUrl + "/customers/" + customerId + "/onboarding");
        return new OnboardingPage(driver);
    }

    public OnboardingPage connectCloud(String cloudProvider, String region, String iamRoleArn) {
        new Select(visible(By.id("cloud_provider"))).selectByValue(cloudProvider);
        driver.findElement(By.id("region")).clear();
        driver.findElement(By.id("region")).sendKeys(region);
        driver.findElement(By.id("iam_role_arn")).sendKeys(iamRoleArn);
        driver.findElement(By.id("onboard-submit")).click();
        return new OnboardingPage(driver);
    }

    public String installCommand() {
        return visible(By.id("install-command")).getText();
    }

    /** The runtime token inside the install command, as a customer would copy it. */
    public String agentToken() {
        Matcher m = TOKEN.matcher(installCommand());
        if (!m.find()) {
            throw new AssertionError("no --agent-token in the install command: " + installCommand());
        }
        return m.group(1);
    }

    public String discoveryStatus() {
        return textOrNull(By.id("discovery-status"));
    }

    /** Waits, without reloading, until the page shows the fleet discovered; returns the instance count it shows. */
    public int awaitDiscovered(Duration atMost) {
        String count = waitFor("onboarding page shows the fleet discovered (status " + discoveryStatus() + ")", atMost,
                () -> "discovered".equals(discoveryStatus()) ? textOrNull(By.id("instance-count")) : null,
                c -> true);
        return Integer.parseInt(count);
    }
}
