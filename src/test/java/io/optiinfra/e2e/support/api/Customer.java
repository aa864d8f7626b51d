package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /customers/{id}} and the entries of {@code GET /customers} (SPEC §5). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Customer(
        @JsonProperty("id") String id,
        @JsonProperty("email") String email,
        @JsonProperty("company_name") String companyName,
        @JsonProperty("plan") String plan,
        @JsonProperty("priority_order") java.util.List<String> priorityOrder) {}
