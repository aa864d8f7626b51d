package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.util.List;

/** /customers/{id}/conflicts: pick pending recommendations, resolve, read strategy and outcome. */
public final class ConflictsPage extends PortalPage {
    public ConflictsPage(WebDriver driver) {
        super(driver);
        visible(By.id("conflict-form"));
    }

    public static ConflictsPage open(WebDriver driver, String portalUrl, String customerId) {
        driver.get(portalUrl + "/customers/" + customerId + "/conflicts");
        return new ConflictsPage(driver);
    }

    /** Ticks the given recommendations (by their labels' checkboxes) and submits. */
    public ConflictsPage resolve(List<String> recommendationIds) {
        for (String id : recommendationIds) {
            WebElement box = visible(By.id("pick-" + id));
            if (!box.isSelected()) {
                driver.findElement(By.cssSelector("label[for='pick-" + id + "']")).click();
            }
        }
        driver.findElement(By.id("resolve")).click();
        return new ConflictsPage(driver);
    }

    public String strategy() {
        return text(By.id("resolution-strategy"));
    }

    public String conflictDetected() {
        return text(By.id("conflict-detected"));
    }

    public String chosen() {
        return textOrNull(By.id("chosen-recommendation"));
    }

    public String hybrid() {
        return textOrNull(By.id("hybrid-solution"));
    }

    public List<String> executionOrder() {
        return driver.findElements(By.cssSelector("#execution-order li")).stream().map(WebElement::getText).toList();
    }
}
