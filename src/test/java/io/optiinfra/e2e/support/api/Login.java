package io.optiinfra.e2e.support.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /auth/login} 200 (SPEC §5); on a 401 the same record shows that no token was handed out. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Login(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") Integer expiresIn) {}
