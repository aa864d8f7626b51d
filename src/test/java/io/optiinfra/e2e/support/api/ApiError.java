package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The platform's error body {@code {error, message}} (SPEC §5), read whatever the 4xx status. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiError(
        @JsonProperty("error") String error,
        @JsonProperty("message") String message) {}
