package io.optiinfra.e2e.support.report;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * REST Assured filter that times every request and hands it to {@link TestReport#http}. Stateless, so one instance
 * can be shared by all per-thread request specifications.
 */
public final class ReportingFilter implements OrderedFilter {

    // Test passwords are throwaway, but reports get shared: keep them out anyway.
    private static final Pattern PASSWORD = Pattern.compile("(\"[A-Za-z_]*password[A-Za-z_]*\"\\s*:\\s*\")[^\"]*(\")",
            Pattern.CASE_INSENSITIVE);

    /** Runs last, so the measured time is the exchange itself and the request seen is the one actually sent. */
    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext ctx) {
        String method = request.getMethod();
        String uri = request.getURI();
        String requestBody = redact(bodyOf(request));
        long start = System.nanoTime();
        Response response;
        try {
            response = ctx.next(request, responseSpec);
        } catch (Exception e) { // REST Assured (Groovy) throws e.g. ConnectException unchecked
            TestReport.info(method + " " + uri + " failed after " + elapsedMillis(start) + " ms: " + e);
            throw e;
        }
        long millis = elapsedMillis(start);
        TestReport.http(method, uri, response.getStatusCode(), requestBody, response.asString(), millis);
        return response;
    }

    static String redact(String body) {
        return body == null ? null : PASSWORD.matcher(body).replaceAll("$1***$2");
    }

    private static String bodyOf(FilterableRequestSpecification request) {
        Object body = request.getBody();
        if (body == null) {
            return null;
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body.toString();
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
