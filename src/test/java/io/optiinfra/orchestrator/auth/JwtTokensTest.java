package io.optiinfra.orchestrator.auth;

import io.optiinfra.common.ApiException;
import org.testng.annotations.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

public class JwtTokensTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    public void issuedTokenVerifiesToTheSamePrincipal() {
        JwtTokens tokens = new JwtTokens(SECRET, Duration.ofMinutes(5), Clock.systemUTC());
        UUID customer = UUID.randomUUID();

        Principal principal = tokens.verify(tokens.issue("user-1", customer, false));

        assertEquals(principal.subject(), "user-1");
        assertEquals(principal.customerId(), customer);
        assertFalse(principal.isAdmin());
        assertTrue(principal.mayAccess(customer));
        assertFalse(principal.mayAccess(UUID.randomUUID()));
    }

    @Test
    public void adminTokenCarriesNoTenantAndMayAccessAll() {
        JwtTokens tokens = new JwtTokens(SECRET, Duration.ofMinutes(5), Clock.systemUTC());
        Principal admin = tokens.verify(tokens.issue("admin", null, true));
        assertTrue(admin.isAdmin());
        assertNull(admin.customerId());
        assertTrue(admin.mayAccess(UUID.randomUUID()));
    }

    @Test
    public void expiredTokenIsUnauthorized() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String old = new JwtTokens(SECRET, Duration.ofMinutes(5), past).issue("u", UUID.randomUUID(), false);
        JwtTokens now = new JwtTokens(SECRET, Duration.ofMinutes(5), Clock.systemUTC());
        ApiException e = expectThrows(() -> now.verify(old));
        assertEquals(e.status(), 401);
    }

    @Test
    public void tokenSignedWithAnotherSecretIsUnauthorized() {
        String foreign = new JwtTokens("another-secret-another-secret-!!", Duration.ofMinutes(5), Clock.systemUTC())
                .issue("u", UUID.randomUUID(), true);
        JwtTokens tokens = new JwtTokens(SECRET, Duration.ofMinutes(5), Clock.systemUTC());
        assertEquals(expectThrows(() -> tokens.verify(foreign)).status(), 401);
    }

    @Test
    public void shortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new JwtTokens("short", Duration.ofMinutes(1), Clock.systemUTC()));
    }

    private static ApiException expectThrows(Runnable call) {
        return org.testng.Assert.expectThrows(ApiException.class, call::run);
    }
}
