package io.optiinfra.e2e.security.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.ApiTest;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.data.TestData;
import io.optiinfra.e2e.support.fixtures.TestCustomer;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

/**
 * Issue 7 item 2: every published route × the bad inputs its schema (testdata/security/input-schema.json) generates.
 * Each case must answer a 4xx with {error, message} — never a 5xx, never a credential refusal (the input must be what
 * is refused) — and afterwards the platform is healthy and a bystander customer's data is as it was.
 */
@Test(groups = {Groups.SECURITY}, dependsOnGroups = Groups.SMOKE)
public class BadInputMatrixIT extends ApiTest {
    /** /health probes each store with a 2 s bound: a few probes' worth of time for a loaded machine to answer again. */
    private static final Duration HEALTHY_AGAIN = Duration.ofSeconds(10);
    static final String FILE = "security/input-schema.json";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private JsonNode schema;
    private TestCustomer victim;
    private String victimRuntimeToken;
    private String agentId;
    private TestCustomer bystander;
    private String bystanderBefore;

    @BeforeClass(alwaysRun = true)
    public void arrange() {
        schema = TestData.readTree(FILE).required("routes");
        victim = newCustomer("Bad Input Victim");
        assertThat(victim.client().onboard(victim.customerId(), "aws", "us-east-1", "arn:aws:iam::1:role/BadInput")
                .statusCode(), equalTo(202));
        victimRuntimeToken = victim.client().agentInstallCommand(victim.customerId()).jsonPath().getString("agent_token");
        Response registered = api().withToken(env().agentToken()).post("/orchestrator/agents/register", Map.of(
                "agent_type", "application", "version", "bad-input", "capabilities", List.of(), "hostname", "bad-input-fixture"));
        assertThat(registered.asString(), registered.statusCode(), equalTo(200));
        agentId = registered.jsonPath().getString("agent_id");
        bystander = newCustomer("Bad Input Bystander");
        assertThat(bystander.client().setPriorityOrder(bystander.customerId(), List.of("cost", "customer")).statusCode(),
                equalTo(200));
        bystanderBefore = bystander.client().customer(bystander.customerId()).asString();
    }

    @Test(description = "a published route without a schema entry, or an entry for an unpublished route, fail")
    public void everyPublishedRouteHasAnInputSchema() {
        Set<String> published = publishedRoutes();
        Set<String> missing = new TreeSet<>(published);
        schema.fieldNames().forEachRemaining(missing::remove);
        Set<String> stale = new TreeSet<>();
        schema.fieldNames().forEachRemaining(stale::add);
        stale.removeAll(published);

        assertThat("published routes with no entry in " + FILE, missing, empty());
        assertThat("entries in " + FILE + " the platform does not publish", stale, empty());
    }

    @DataProvider(name = "badInputs", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] badInputs() {
        List<Object[]> rows = new ArrayList<>();
        for (String route : publishedRoutes()) {
            JsonNode spec = schema.get(route);
            if (spec == null) {
                continue; // reported by everyPublishedRouteHasAnInputSchema
            }
            new BadInputGenerator(route, spec, this::values).generate().forEach(c -> rows.add(new Object[] {c}));
        }
        assertThat("bad-input cases generated", rows.size(), greaterThan(100));
        TestReport.info(rows.size() + " bad-input cases");
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "badInputs")
    public void badInputIsAClientErrorAndLosesNothing(BadInputCase c) throws Exception {
        HttpResponse<String> response = send(c);

        String body = abbreviate(response.body());
        if (c.expectedStatus() == BadInputCase.ANY_CLIENT_ERROR) {
            assertThat(c + " must be refused as bad input: " + body, response.statusCode(),
                    allOf(greaterThanOrEqualTo(400), lessThan(500), not(oneOf(401, 403))));
        } else {
            assertThat(c + ": " + body, response.statusCode(), equalTo(c.expectedStatus()));
        }
        JsonNode error = TestData.mapper().readTree(response.body().isBlank() ? "{}" : response.body());
        assertThat(c + ": error field in " + body, error.path("error").isTextual(), is(true));
        assertThat(c + ": message field in " + body, error.path("message").isTextual(), is(true));

        // a store probe slower than its 2 s bound on a loaded machine is a passing 503; a crash stays unhealthy
        WaitHelper.until("platform healthy after " + c, HEALTHY_AGAIN, () -> api().health(), r -> r.statusCode() == 200);
        assertThat("bystander customer intact after " + c, bystander.client().customer(bystander.customerId()).asString(),
                equalTo(bystanderBefore));
    }

    private HttpResponse<String> send(BadInputCase c) throws IOException, InterruptedException {
        String query = c.query().isEmpty() ? "" : "?" + c.query().entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(env().orchestratorUrl() + c.rawPath() + query))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        credential(c.credential()).forEach(request::header);
        byte[] bytes = c.rawBody() == null ? null : c.rawBody().getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = bytes == null ? HttpRequest.BodyPublishers.noBody()
                : c.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.method(c.method(), publisher).build(),
                HttpResponse.BodyHandlers.ofString());
        TestReport.http(c.method(), c.rawPath() + query, response.statusCode(), bytes == null ? "" : abbreviate(c.rawBody()),
                response.body(), (System.nanoTime() - start) / 1_000_000);
        return response;
    }

    private Map<String, String> credential(String kind) {
        return switch (kind) {
            case "none" -> Map.of();
            case "owner" -> Map.of("Authorization", "Bearer " + victim.accessToken());
            case "platform_agent" -> Map.of("Authorization", "Bearer " + env().agentToken());
            case "runtime" -> Map.of("Authorization", "Bearer " + victimRuntimeToken);
            case "service" -> Map.of("X-Service-Token", env().serviceToken());
            default -> throw new IllegalStateException(FILE + ": unknown credential " + kind);
        };
    }

    private Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("victim.customer_id", victim.customerId());
        values.put("victim.email", victim.email());
        values.put("victim.runtime_token", victimRuntimeToken);
        values.put("fixture.agent_id", agentId);
        values.put("random_uuid", UUID.randomUUID().toString());
        values.put("case.email", TestCustomers.uniqueEmail());
        Instant now = Instant.now();
        values.put("now", now.toString());
        values.put("now-1h", now.minusSeconds(3600).toString());
        return values;
    }

    private Set<String> publishedRoutes() {
        Response table = api().routeTable();
        assertThat(table.statusCode(), equalTo(200));
        List<Map<String, String>> routes = table.jsonPath().getList("routes");
        assertThat("published routes", routes, notNullValue());
        return routes.stream().map(r -> r.get("method") + " " + r.get("path")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "… (" + s.length() + " chars)";
    }
}
