package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code GET /recommendations/{id}/similar-outcomes}: a past outcome and how alike it is. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SimilarOutcome(
        @JsonProperty("optimization_id") String optimizationId,
        @JsonProperty("success") Boolean success,
        @JsonProperty("similarity") Double similarity) {}
