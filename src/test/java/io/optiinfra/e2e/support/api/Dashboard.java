package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code GET /portal/customers/{id}/dashboard} (SPEC §5). Figures boxed and lists left null when omitted, so an
 * assertion on an absent one fails; the suite only reads the ids of the listed recommendations.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Dashboard(
        @JsonProperty("current_spend") Double currentSpend,
        @JsonProperty("potential_savings") Double potentialSavings,
        @JsonProperty("realized_savings") Double realizedSavings,
        @JsonProperty("recommendations") List<Entry> recommendations) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(@JsonProperty("id") String id) {}
}
