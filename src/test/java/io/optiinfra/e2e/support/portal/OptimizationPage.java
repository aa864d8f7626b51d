package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** /optimizations/{id}: status, progress, steps with gate results, rollback — updated live. */
public final class OptimizationPage extends PortalPage {
    public OptimizationPage(WebDriver driver) {
        super(driver);
        visible(By.id("optimization-status"));
    }

    public static OptimizationPage open(WebDriver driver, String portalUrl, String optimizationId) {
        driver.get(portalUrl + "/optimizations/" + optimizationId);
        return new OptimizationPage(driver);
    }

    public String optimizationId() {
        return read("optimization id", () -> driver.findElement(By.id("optimization")).getAttribute("data-id"));
    }

    public String status() {
        return textOrNull(By.id("optimization-status"));
    }

    /** Step name → status, in the order shown. */
    public Map<String, String> steps() {
        return read("rollout steps", () -> {
            Map<String, String> steps = new LinkedHashMap<>();
            for (WebElement row : driver.findElements(By.cssSelector("#steps tr.step"))) {
                steps.put(row.getAttribute("data-name"), row.getAttribute("data-status"));
            }
            return steps;
        });
    }

    /** Gate checks shown for a step (empty when none). */
    public String gateText(String step) {
        return text(By.cssSelector("#steps tr.step[data-name='" + step + "'] td.gate"));
    }

    public String awaitStatus(String status, Duration atMost) {
        return waitFor("optimization page shows status " + status + " (steps " + steps() + ")", atMost, this::status,
                status::equals);
    }

    public String awaitFinished(Duration atMost) {
        return waitFor("optimization page shows a final status", atMost, this::status,
                s -> s.equals("completed") || s.equals("rolled_back") || s.equals("failed"));
    }

    public Map<String, String> awaitStep(String step, String status, Duration atMost) {
        return waitFor("step " + step + " shown " + status, atMost, this::steps, s -> status.equals(s.get(step)));
    }

    public String actualSavingsText() {
        return text(By.id("actual-savings"));
    }

    public String originalStateRestored() {
        return text(By.id("original-restored"));
    }

    public String rollbackReason() {
        return textOrNull(By.id("rollback-reason"));
    }

    /** The number of live events the page has received (the script counts them). */
    public int liveEvents() {
        String count = driver.findElement(By.tagName("body")).getAttribute("data-live-events");
        return count == null ? 0 : Integer.parseInt(count);
    }
}
