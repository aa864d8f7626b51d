package io.optiinfra.e2e.support.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One recommendation as the recommendations page shows it (a snapshot: re-read it after live updates). */
public record RecommendationCard(String id, String type, String status, String savingsText,
                                 Map<String, String> validations, boolean approveEnabled, String blockedReason,
                                 String approveDescribedBy) {
    static RecommendationCard read(WebElement card) {
        Map<String, String> validations = new LinkedHashMap<>();
        for (WebElement v : card.findElements(By.cssSelector("li.validation"))) {
            validations.put(v.getAttribute("data-agent"), v.findElement(By.className("verdict")).getText());
        }
        WebElement approve = card.findElement(By.cssSelector("button.approve"));
        List<WebElement> reason = card.findElements(By.className("blocked-reason"));
        return new RecommendationCard(card.getAttribute("data-id"), card.getAttribute("data-type"),
                card.getAttribute("data-status"), card.findElement(By.className("rec-savings")).getText(), validations,
                approve.isEnabled(), reason.isEmpty() ? null : reason.get(0).getText(),
                approve.getAttribute("aria-describedby"));
    }

    /** Both validators approved as the customer reads it. */
    public boolean fullyValidated() {
        return "Approved".equals(validations.get("performance"))
                && "Quality baseline established".equals(validations.get("application"));
    }
}
