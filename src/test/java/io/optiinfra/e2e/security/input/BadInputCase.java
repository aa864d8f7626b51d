package io.optiinfra.e2e.security.input;

/**
 * One generated bad request: which route, what was broken, and the raw request (path and query already
 * percent-encoded, the body exactly as sent). {@code chunked} sends the body without a Content-Length.
 * {@code expectedError}, when not null, is the {@code error} code the answer must carry. {@code probe}, when not null,
 * names the stored state of the request's target that must read the same before and after (semantic cases).
 */
public record BadInputCase(String route, String method, String what, String rawPath, String rawQuery,
                           String rawBody, boolean chunked, int expectedStatus, String expectedError,
                           String credential, StateProbe probe) {
    /** Any 4xx except the credential refusals (those would mean the input was never looked at). */
    public static final int ANY_CLIENT_ERROR = 0;

    public boolean semantic() {
        return probe != null;
    }

    @Override
    public String toString() {
        return route + " " + what;
    }
}
