package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /auth/signup} 201 (SPEC §5). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Signup(
        @JsonProperty("success") Boolean success,
        @JsonProperty("customer_id") String customerId) {}
