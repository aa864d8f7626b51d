package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** What every portal page offers: the frame (title, company name, error message) and explicit waits. */
public abstract class PortalPage {
    /** a page render under a loaded machine, not a speed claim */
    public static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    protected final WebDriver driver;

    protected PortalPage(WebDriver driver) {
        this.driver = driver;
    }

    public String heading() {
        return visible(By.id("page-title")).getText();
    }

    public String companyName() {
        return visible(By.id("company-name")).getText();
    }

    /** The error message the page shows (role=alert), or null when there is none. */
    public String errorMessage() {
        List<WebElement> alerts = driver.findElements(By.id("error-message"));
        return alerts.isEmpty() ? null : alerts.get(0).getText();
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    /**
     * Marks the current document; {@link #sameDocument()} is true as long as no navigation or reload replaced it —
     * how a test proves an update arrived live rather than through a reload.
     */
    public void markDocument() {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.__e2eDocument = 'unchanged';");
    }

    public boolean sameDocument() {
        return "unchanged".equals(((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return window.__e2eDocument;"));
    }

    protected WebElement visible(By locator) {
        return new WebDriverWait(driver, PAGE_TIMEOUT)
                .withMessage("element " + locator + " visible on " + driver.getCurrentUrl())
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /**
     * Clicks an element of a live region once it is visible and enabled. The portal re-renders live regions on every
     * event, so the element found may be replaced before the click lands (stale, nothing clicked): then it is found
     * again and clicked, within {@link #PAGE_TIMEOUT}.
     */
    protected void click(By locator) {
        new WebDriverWait(driver, PAGE_TIMEOUT, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .withMessage("element " + locator + " clickable on " + driver.getCurrentUrl())
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(d);
                    if (element == null) {
                        return false;
                    }
                    element.click();
                    return true;
                });
    }

    protected String textOrNull(By locator) {
        try {
            return driver.findElement(locator).getText();
        } catch (NoSuchElementException | StaleElementReferenceException e) {
            return null;
        }
    }

    /**
     * Waits until {@code probe} (re-read on each poll; live regions are re-rendered) satisfies {@code done}; the
     * timeout message names the wait and the last value seen.
     */
    protected <T> T waitFor(String name, Duration atMost, Supplier<T> probe, Function<T, Boolean> done) {
        Object[] last = new Object[1];
        return new WebDriverWait(driver, atMost, Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .withMessage(() -> name + " within " + atMost.toSeconds() + " s; last seen: " + last[0])
                .until(d -> {
                    T value = probe.get();
                    last[0] = value;
                    return value != null && Boolean.TRUE.equals(done.apply(value)) ? value : null;
                });
    }

    /** Reads something from a live region, re-reading when a live update replaced the elements mid-read. */
    protected <T> T read(String what, Supplier<T> probe) {
        return waitFor(what + " readable", PAGE_TIMEOUT, probe, v -> true);
    }

    /** The text of an element, read safely from a live region. */
    protected String text(By locator) {
        return read(locator.toString(), () -> driver.findElement(locator).getText());
    }

    /** "$12,345.67 / month" → 12345.67 */
    public static double money(String text) {
        String digits = text.replaceAll("[^0-9.\\-]", "");
        return Double.parseDouble(digits);
    }
}
