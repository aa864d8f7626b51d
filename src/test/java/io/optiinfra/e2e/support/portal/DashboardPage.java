package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;

/** /customers/{id}/dashboard: spend, savings to date, the cost chart, active optimizations. */
public final class DashboardPage extends PortalPage {
    public DashboardPage(WebDriver driver) {
        super(driver);
        visible(By.id("current-spend"));
    }

    public static DashboardPage open(WebDriver driver, String portalUrl, String customerId) {
        driver.get(portalUrl + "/customers/" + customerId + "/dashboard");
        return new DashboardPage(driver);
    }

    public double currentSpend() {
        return money(text(By.id("current-spend")));
    }

    public double realizedSavings() {
        return money(text(By.id("realized-savings")));
    }

    public String realizedSavingsText() {
        return text(By.id("realized-savings"));
    }

    /** Points drawn in the monthly-cost chart (0 when the page says nothing was measured yet). */
    public int chartPoints() {
        return read("cost chart", () -> {
            List<WebElement> chart = driver.findElements(By.id("cost-chart"));
            return chart.isEmpty() ? 0 : Integer.parseInt(chart.get(0).getAttribute("data-points"));
        });
    }

    public String chartPolyline() {
        return read("cost chart line", () -> driver.findElement(By.cssSelector("#cost-chart polyline"))
                .getAttribute("points"));
    }

    /** Waits (live region or reload-free) until the savings figure is above zero; returns it. */
    public double awaitRealizedSavings(Duration atMost) {
        return waitFor("dashboard shows savings to date", atMost, this::realizedSavings, v -> v > 0);
    }

    public int awaitChartPoints(int atLeast, Duration atMost) {
        return waitFor("cost chart with at least " + atLeast + " points", atMost, this::chartPoints, n -> n >= atLeast);
    }
}
