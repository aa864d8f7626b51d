package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.List;

/**
 * A label check of our own (axe-core is not published on Maven Central as a WebJar): every visible form control
 * needs an accessible name — a label[for=id], an enclosing label, aria-label or aria-labelledby — and every button
 * a non-empty text.
 */
public final class FormLabels {
    private FormLabels() {}

    /** Controls on the current page, for asserting the check had something to check. */
    public static int controls(WebDriver driver) {
        return driver.findElements(By.cssSelector("input:not([type=hidden]), select, textarea, button")).size();
    }

    /** Descriptions of the controls without an accessible name (empty when all are labelled). */
    public static List<String> unlabeled(WebDriver driver) {
        List<String> missing = new ArrayList<>();
        for (WebElement control : driver.findElements(By.cssSelector("input:not([type=hidden]), select, textarea"))) {
            String id = control.getAttribute("id");
            boolean labelled = (id != null && !id.isEmpty()
                    && !driver.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty())
                    || !control.findElements(By.xpath("ancestor::label")).isEmpty()
                    || notBlank(control.getAttribute("aria-label"))
                    || notBlank(control.getAttribute("aria-labelledby"));
            if (!labelled) {
                missing.add(control.getTagName() + "[name=" + control.getAttribute("name") + ", id=" + id + "]");
            }
        }
        for (WebElement button : driver.findElements(By.tagName("button"))) {
            if (!notBlank(button.getText()) && !notBlank(button.getAttribute("aria-label"))) {
                missing.add("button[id=" + button.getAttribute("id") + "] without text");
            }
        }
        return missing;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
