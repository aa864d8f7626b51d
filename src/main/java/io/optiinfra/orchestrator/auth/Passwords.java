package io.optiinfra.orchestrator.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;

/**
 * Slow password hashes (BCrypt). BCrypt reads at most 71 bytes of a password; longer ones (the rule allows up to 128
 * characters, i.e. up to 512 UTF-8 bytes) are pre-hashed with SHA-512 by the library's long-password strategy. Shorter
 * passwords pass through unchanged, so hashes stored before this strategy verify as they always did.
 */
public final class Passwords {
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);
    private final int cost;
    /** Verified against when the user does not exist, so an unknown account costs the same time as a wrong password. */
    private final String decoy;

    public Passwords(int cost) {
        this.cost = cost;
        this.decoy = hash("decoy-password-for-unknown-accounts");
    }

    public String hash(String password) {
        return BCrypt.with(VERSION, LONG_PASSWORDS).hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return BCrypt.verifyer(VERSION, LONG_PASSWORDS).verify(password.toCharArray(), hash).verified;
    }

    /** Spends the time of one verification for an account that does not exist; always false. */
    public boolean decoyMismatch(String password) {
        matches(password, decoy);
        return false;
    }
}
