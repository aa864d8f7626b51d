package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/** /signup */
public final class SignupPage extends PortalPage {
    public SignupPage(WebDriver driver) {
        super(driver);
        visible(By.id("signup-form"));
    }

    public static SignupPage open(WebDriver driver, String portalUrl) {
        driver.get(portalUrl + "/signup");
        return new SignupPage(driver);
    }

    /** Signs up; the portal logs the new customer in and opens onboarding. */
    public OnboardingPage signUp(String companyName, String email, String password, String plan) {
        visible(By.id("company_name")).sendKeys(companyName);
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        new Select(driver.findElement(By.id("plan"))).selectByValue(plan);
        driver.findElement(By.id("signup-submit")).click();
        return new OnboardingPage(driver);
    }
}
