package io.optiinfra.cloudsim.instances;

import io.optiinfra.common.ApiException;

/** Which variant of its deployment an instance serves. */
public final class Roles {
    public static final String STABLE = "stable";
    public static final String CANARY = "canary";

    private Roles() {}

    /** {@code null} keeps {@code current}; anything but the two roles is a 400. */
    public static String parse(String role, String current) {
        if (role == null) {
            return current;
        }
        if (STABLE.equals(role) || CANARY.equals(role)) {
            return role;
        }
        throw ApiException.badRequest("role must be stable or canary, not '" + role + "'");
    }
}
