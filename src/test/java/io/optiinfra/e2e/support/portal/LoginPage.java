package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** /login */
public final class LoginPage extends PortalPage {
    public LoginPage(WebDriver driver) {
        super(driver);
        visible(By.id("login-form"));
    }

    public static LoginPage open(WebDriver driver, String portalUrl) {
        driver.get(portalUrl + "/login");
        return new LoginPage(driver);
    }

    public DashboardPage logIn(String email, String password) {
        submit(email, password);
        return new DashboardPage(driver);
    }

    /** Submits credentials the portal should refuse; returns the login page showing its message. */
    public LoginPage logInRefused(String email, String password) {
        submit(email, password);
        return new LoginPage(driver);
    }

    private void submit(String email, String password) {
        visible(By.id("email")).clear();
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }
}
