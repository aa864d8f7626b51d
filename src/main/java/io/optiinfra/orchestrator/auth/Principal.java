package io.optiinfra.orchestrator.auth;

import java.util.UUID;

/** The authenticated caller of a request. {@code customerId} is null for admins and platform agents. */
public record Principal(String subject, UUID customerId, Kind kind) {
    public enum Kind { CUSTOMER_USER, ADMIN, PLATFORM_AGENT, CUSTOMER_RUNTIME, SERVICE }

    public boolean isAdmin() {
        return kind == Kind.ADMIN;
    }

    public boolean mayAccess(UUID customer) {
        return isAdmin() || kind == Kind.SERVICE || kind == Kind.PLATFORM_AGENT || customer.equals(customerId);
    }
}
