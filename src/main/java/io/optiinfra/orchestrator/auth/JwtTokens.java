package io.optiinfra.orchestrator.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.optiinfra.common.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Issues and verifies the customers' and admins' access tokens (HS256, with expiry). */
public final class JwtTokens {
    private static final String ISSUER = "optiinfra";
    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    public JwtTokens(String secret, Duration lifetime, Clock clock) {
        if (secret.length() < 32) {
            throw new IllegalArgumentException("the JWT secret must have at least 32 characters");
        }
        this.algorithm = Algorithm.HMAC256(secret);
        this.verifier = JWT.require(algorithm).withIssuer(ISSUER).build();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public String issue(String userId, UUID customerId, boolean admin) {
        Instant now = clock.instant();
        return JWT.create()
                .withIssuer(ISSUER)
                .withSubject(userId)
                .withClaim("customer_id", customerId == null ? null : customerId.toString())
                .withClaim("role", admin ? "admin" : "customer")
                .withIssuedAt(now)
                .withExpiresAt(now.plus(lifetime))
                .sign(algorithm);
    }

    public long lifetimeSeconds() {
        return lifetime.toSeconds();
    }

    public Principal verify(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            boolean admin = "admin".equals(jwt.getClaim("role").asString());
            String customer = jwt.getClaim("customer_id").asString();
            return new Principal(jwt.getSubject(), customer == null ? null : UUID.fromString(customer),
                    admin ? Principal.Kind.ADMIN : Principal.Kind.CUSTOMER_USER);
        } catch (JWTVerificationException | IllegalArgumentException e) {
            throw ApiException.unauthorized("invalid or expired token");
        }
    }
}
