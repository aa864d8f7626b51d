package io.optiinfra.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client-visible failure: rendered as {@code {error, message}} with the given HTTP status, and any response headers
 * the status needs to be actionable (a 429's {@code Retry-After}).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String error;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public int status() { return status; }
    public String error() { return error; }
    public Map<String, String> headers() { return Map.copyOf(headers); }

    /** Adds a response header to the error answer; returns this exception (to throw). */
    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public static ApiException badRequest(String message) { return new ApiException(400, "bad_request", message); }
    public static ApiException unauthorized(String message) { return new ApiException(401, "unauthorized", message); }
    public static ApiException forbidden(String message) { return new ApiException(403, "forbidden", message); }
    public static ApiException notFound(String message) { return new ApiException(404, "not_found", message); }
    public static ApiException conflict(String message) { return new ApiException(409, "conflict", message); }
    public static ApiException tooManyRequests(String message) { return new ApiException(429, "rate_limited", message); }
}
