package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import java.util.ArrayList;
import java.util.List;

/** /customers/{id}/settings: the priority order as ordered selects. */
public final class SettingsPage extends PortalPage {
    public SettingsPage(WebDriver driver) {
        super(driver);
        visible(By.id("settings-form"));
    }

    public static SettingsPage open(WebDriver driver, String portalUrl, String customerId) {
        driver.get(portalUrl + "/customers/" + customerId + "/settings");
        return new SettingsPage(driver);
    }

    public List<String> priorityOrder() {
        List<String> order = new ArrayList<>();
        for (int i = 1; !driver.findElements(By.id("priority-" + i)).isEmpty(); i++) {
            order.add(new Select(driver.findElement(By.id("priority-" + i))).getFirstSelectedOption()
                    .getAttribute("value"));
        }
        return order;
    }

    public SettingsPage save(List<String> order) {
        for (int i = 0; i < order.size(); i++) {
            new Select(visible(By.id("priority-" + (i + 1)))).selectByValue(order.get(i));
        }
        driver.findElement(By.id("save-settings")).click();
        return new SettingsPage(driver);
    }

    public String notice() {
        return textOrNull(By.id("notice"));
    }
}
