package io.optiinfra.orchestrator.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

/** Slow password hashes (BCrypt). */
public final class Passwords {
    private final int cost;

    public Passwords(int cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }
}
