package io.optiinfra.e2e.security.input;

import java.util.Map;

/**
 * One generated bad request: which route, what was broken, and the raw request (path already percent-encoded, the
 * body exactly as sent). {@code chunked} sends the body without a Content-Length.
 */
public record BadInputCase(String route, String method, String what, String rawPath, Map<String, String> query,
                           String rawBody, boolean chunked, int expectedStatus, String credential) {
    /** Any 4xx except the credential refusals (those would mean the input was never looked at). */
    public static final int ANY_CLIENT_ERROR = 0;

    @Override
    public String toString() {
        return route + " " + what;
    }
}
