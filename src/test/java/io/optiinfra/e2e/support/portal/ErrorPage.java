package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The portal's error page (forbidden, not found, API errors). */
public final class ErrorPage extends PortalPage {
    public ErrorPage(WebDriver driver) {
        super(driver);
        visible(By.id("error-page"));
    }

    public int status() {
        return Integer.parseInt(driver.findElement(By.id("error-page")).getAttribute("data-status"));
    }

    public String message() {
        return driver.findElement(By.id("error-text")).getText();
    }

    /** Everything the page shows as text. */
    public String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }
}
