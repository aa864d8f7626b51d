package io.optiinfra.store;

/** A store failed (not the caller's fault). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
