package io.optiinfra.portal;

/** An answer of the orchestrator other than 2xx, carried to the page as a message (never a blank page). */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String error;

    public ApiError(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
