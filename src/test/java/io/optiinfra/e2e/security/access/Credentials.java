package io.optiinfra.e2e.security.access;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.core.type.TypeReference;
import io.optiinfra.e2e.support.data.TestData;
import io.optiinfra.e2e.support.env.EnvironmentSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a credential kind into the headers a request carries. Forgeries start from the owner's genuine token, so the
 * one thing that differs is the forgery itself: a flipped signature byte, {@code alg: none}, the same claims signed
 * with another key, or the same claims re-signed with the platform's own secret but already expired (only where the
 * environment knows the secret; elsewhere the expired kind is not applicable and says why).
 */
public final class Credentials {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** The people and tokens of one case: the victim (owner), another tenant, and the platform's own credentials. */
    public record Parties(String ownerToken, String ownerRuntimeToken, String otherTenantToken, String otherRuntimeToken,
                          String adminToken) {}

    /** Headers for a kind, or empty with the reason it cannot be built in this environment. */
    public record Built(Map<String, String> headers, String notApplicable) {
        static Built of(Map<String, String> headers) {
            return new Built(headers, null);
        }
    }

    private final EnvironmentSettings env;

    public Credentials(EnvironmentSettings env) {
        this.env = env;
    }

    public Built headers(String kind, Parties parties) {
        return switch (kind) {
            case "none" -> Built.of(Map.of());
            case "malformed_header" -> Built.of(Map.of("Authorization", parties.ownerToken())); // no "Bearer " scheme
            case "tampered_signature" -> bearer(tamperSignature(parties.ownerToken()));
            case "forged_admin_claims" -> bearer(escalateClaims(parties.ownerToken()));
            case "alg_none" -> bearer(algNone(parties.ownerToken()));
            case "foreign_key" -> bearer(resign(parties.ownerToken(), randomSecret(), Instant.now().plusSeconds(3600)));
            case "expired" -> expired(parties.ownerToken());
            case "owner" -> bearer(parties.ownerToken());
            case "other_tenant" -> bearer(parties.otherTenantToken());
            case "admin" -> bearer(parties.adminToken());
            case "platform_agent" -> bearer(env.agentToken());
            case "customer_runtime" -> bearer(parties.ownerRuntimeToken());
            case "other_runtime" -> bearer(parties.otherRuntimeToken());
            case "service" -> Built.of(Map.of("X-Service-Token", env.serviceToken()));
            default -> throw new IllegalArgumentException("unknown credential kind " + kind);
        };
    }

    /** The owner's claims re-signed with the platform's secret and a future expiry: must be accepted (control case). */
    public Optional<String> remintedValid(String ownerToken) {
        return env.jwtSigningSecret().map(secret -> resign(ownerToken, secret, Instant.now().plusSeconds(600)));
    }

    private Built expired(String ownerToken) {
        Optional<String> secret = env.jwtSigningSecret();
        if (secret.isEmpty()) {
            return new Built(null, "this environment does not expose the orchestrator's JWT secret (jwt.secret), so "
                    + "no expired token can be minted; the expiry check is not tested here");
        }
        return bearer(resign(ownerToken, secret.get(), Instant.now().minusSeconds(120)));
    }

    private static Built bearer(String token) {
        return Built.of(Map.of("Authorization", "Bearer " + token));
    }

    static String tamperSignature(String token) {
        String[] parts = token.split("\\.");
        char first = parts[2].charAt(0);
        return parts[0] + "." + parts[1] + "." + (first == 'A' ? 'B' : 'A') + parts[2].substring(1);
    }

    /** The owner's token with its payload rewritten to claim the admin role, the original signature kept. */
    static String escalateClaims(String token) {
        String[] parts = token.split("\\.");
        Map<String, Object> claims = new LinkedHashMap<>(payload(token));
        claims.put("role", "admin");
        claims.remove("customer_id");
        try {
            return parts[0] + "." + B64.encodeToString(TestData.mapper().writeValueAsBytes(claims)) + "." + parts[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String algNone(String token) {
        String[] parts = token.split("\\.");
        String header = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }

    /** Same claims as {@code token}, issued two minutes before {@code expiresAt}'s lifetime, signed HS256 with secret. */
    static String resign(String token, String secret, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>(payload(token));
        claims.remove("exp");
        claims.remove("iat");
        return JWT.create().withPayload(claims).withIssuedAt(expiresAt.minusSeconds(600)).withExpiresAt(expiresAt)
                .sign(Algorithm.HMAC256(secret));
    }

    private static Map<String, Object> payload(String token) {
        byte[] json = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
        try {
            return TestData.mapper().readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("the platform's token has no JSON payload", e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
