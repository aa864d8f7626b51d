package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** /customers/{id}/recommendations: cards with validations and approve / reject. */
public final class RecommendationsPage extends PortalPage {
    public RecommendationsPage(WebDriver driver) {
        super(driver);
        visible(By.id("recommendation-list"));
    }

    public static RecommendationsPage open(WebDriver driver, String portalUrl, String customerId) {
        driver.get(portalUrl + "/customers/" + customerId + "/recommendations");
        return new RecommendationsPage(driver);
    }

    public List<RecommendationCard> cards() {
        return driver.findElements(By.cssSelector("article.recommendation")).stream().map(RecommendationCard::read).toList();
    }

    /** Waits — the list updates live — until a card of this type satisfies {@code ready}. */
    public RecommendationCard awaitCard(String type, Predicate<RecommendationCard> ready, String what, Duration atMost) {
        return waitFor("a " + type + " recommendation " + what, atMost,
                () -> cards().stream().filter(c -> type.equals(c.type())).findFirst().orElse(null), ready::test);
    }

    /** The card of one recommendation (re-read if a live update replaces it while reading). */
    public RecommendationCard card(String id) {
        return waitFor("recommendation " + id + " shown", PAGE_TIMEOUT,
                () -> RecommendationCard.read(driver.findElement(cardLocator(id))), c -> true);
    }

    /** Clicks Approve; the portal opens the optimization's page. */
    public OptimizationPage approve(String id) {
        click(By.id("approve-" + id));
        return new OptimizationPage(driver);
    }

    /**
     * Approves with the keyboard only: Tab from the top of the page until the card's Approve button has focus, then
     * Enter. Fails if the button is never reached in {@code maxTabs} presses.
     */
    public OptimizationPage approveWithKeyboard(String id, int maxTabs) {
        String target = "approve-" + id;
        visible(By.id(target));
        driver.findElement(By.tagName("body")).click(); // focus the document, not a control
        for (int i = 0; i < maxTabs; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            if (target.equals(driver.switchTo().activeElement().getAttribute("id"))) {
                new Actions(driver).sendKeys(Keys.ENTER).perform();
                return new OptimizationPage(driver);
            }
        }
        throw new AssertionError("the Approve button of " + id + " was not reached with " + maxTabs + " Tab presses");
    }

    private static By cardLocator(String id) {
        return By.cssSelector("article.recommendation[data-id='" + id + "']");
    }
}
