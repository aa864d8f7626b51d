package io.optiinfra.common.web;

import io.javalin.security.RouteRole;

/** Who may call a route. */
public enum Access implements RouteRole {
    /** no credentials needed */
    OPEN,
    /** any logged-in user (customer routes also check the tenant) */
    USER,
    /** a user with the admin role */
    ADMIN,
    /** an agent token (platform agents, customer-side runtime) */
    AGENT,
    /** the shared service token of platform processes (internal endpoints) */
    SERVICE
}
