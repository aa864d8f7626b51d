package io.optiinfra.e2e.security.input;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.RawResponse;
import io.optiinfra.e2e.support.data.TestData;
import io.optiinfra.e2e.support.report.TestReport;
import io.optiinfra.e2e.support.wait.WaitHelper;
import io.restassured.response.Response;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * Issue 7 item 2 and issue 17 item 5: every published route (internal and agent routes included) × the bad inputs its
 * schema (testdata/security/input-schema.json) generates — broken types and encodings, and semantic ones: duplicates,
 * unknown or another tenant's ids, fields that contradict each other. Each case must answer a 4xx with
 * {error, message} — never a 5xx, never a credential refusal (the input must be what is refused); a semantic case the
 * exact status (and error code) its schema entry gives, with its target's stored state the same before and after.
 * Afterwards the platform is healthy and a bystander customer's data is as it was.
 */
@Test(groups = {Groups.SECURITY}, dependsOnGroups = Groups.SMOKE)
public class BadInputMatrixIT extends SuiteBase {
    /** /health probes each store with a 2 s bound: a few probes' worth of time for a loaded machine to answer again. */
    private static final Duration HEALTHY_AGAIN = Duration.ofSeconds(10);
    static final String FILE = "security/input-schema.json";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private JsonNode schema;
    private BadInputWorld world;
    private StoredState stored;
    private String bystanderBefore;

    @BeforeClass(alwaysRun = true)
    public void arrange() throws Exception {
        schema = TestData.readTree(FILE).required("routes");
        world = new BadInputWorld(this::api, env().agentToken(), env().serviceToken());
        world.arrangeVictim(schema);
        stored = new StoredState(db(), world);
        // each route marked arrange_valid gets its valid request accepted once: a semantic case's refusal is then the
        // broken part's doing, not a base body the platform refuses anyway
        for (var it = schema.fields(); it.hasNext(); ) {
            var route = it.next();
            if (route.getValue().path("arrange_valid").asBoolean()) {
                BadInputCase valid = new RouteTemplate(route.getKey(), route.getValue(), world::values).valid();
                HttpResponse<String> answer = send(valid);
                assertThat("the valid request of " + route.getKey() + ": " + abbreviate(answer.body()),
                        answer.statusCode(), allOf(greaterThanOrEqualTo(200), lessThan(300)));
            }
        }
        bystanderBefore = bystander();
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
        int semantic = 0;
        for (String route : publishedRoutes()) {
            JsonNode spec = schema.get(route);
            if (spec == null) {
                continue; // reported by everyPublishedRouteHasAnInputSchema
            }
            for (BadInputCase c : new BadInputGenerator(route, spec, world::values).generate()) {
                rows.add(new Object[] {c});
                semantic += c.semantic() ? 1 : 0;
            }
        }
        assertThat("bad-input cases generated", rows.size(), greaterThan(100));
        assertThat("semantic bad-input cases generated", semantic, greaterThan(50));
        TestReport.info(rows.size() + " bad-input cases, " + semantic + " of them semantic");
        return rows.toArray(Object[][]::new);
    }

    @Test(dataProvider = "badInputs")
    public void badInputIsAClientErrorAndLosesNothing(BadInputCase c) throws Exception {
        String before = c.semantic() ? stored.read(c.probe()) : null;
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
        if (c.expectedError() != null) {
            assertThat(c + ": error code in " + body, error.path("error").asText(), equalTo(c.expectedError()));
        }

        // a store probe slower than its 2 s bound on a loaded machine is a passing 503; a crash stays unhealthy
        WaitHelper.until("platform healthy after " + c, HEALTHY_AGAIN, () -> api().health(), r -> r.statusCode() == 200);
        if (c.semantic()) {
            assertThat("stored " + c.probe() + " after " + c, stored.read(c.probe()), equalTo(before));
        }
        assertThat("bystander customer intact after " + c, bystander(), equalTo(bystanderBefore));
    }

    private String bystander() {
        return world.bystander().client().customer(world.bystander().customerId()).asString();
    }

    private HttpResponse<String> send(BadInputCase c) throws IOException, InterruptedException {
        String query = c.rawQuery().isEmpty() ? "" : "?" + c.rawQuery();
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
            case "owner" -> Map.of("Authorization", "Bearer " + world.victim().accessToken());
            case "platform_agent" -> Map.of("Authorization", "Bearer " + env().agentToken());
            case "runtime" -> Map.of("Authorization", "Bearer " + world.victimRuntimeToken());
            case "service" -> Map.of("X-Service-Token", env().serviceToken());
            default -> throw new IllegalStateException(FILE + ": unknown credential " + kind);
        };
    }

    private Set<String> publishedRoutes() {
        Response table = api().routeTable();
        assertThat(table.statusCode(), equalTo(200));
        List<Map<String, String>> routes = RawResponse.of(table).field("routes",
                new TypeReference<List<Map<String, String>>>() {});
        assertThat("published routes", routes, notNullValue());
        return routes.stream().map(r -> r.get("method") + " " + r.get("path")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "… (" + s.length() + " chars)";
    }
}
