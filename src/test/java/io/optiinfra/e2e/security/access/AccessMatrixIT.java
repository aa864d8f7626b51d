package io.optiinfra.e2e.security.access;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.SuiteBase;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.api.Api;
import io.optiinfra.e2e.support.api.Login;
import io.optiinfra.e2e.support.api.RawResponse;
import io.optiinfra.e2e.support.fixtures.TestCustomers;
import io.optiinfra.e2e.support.report.TestReport;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Issue 7 item 1: every route the platform publishes (GET /meta/routes) × every credential kind, against the status
 * the route's access rule and tenancy demand (testdata/security/access-matrix.json). Refusals run first; for a route
 * that writes, the victim's rows are read before and after each refused call — a refusal that already wrote fails.
 * Allowed calls run afterwards, one at a time per victim (a repeated write gets the route's {@code allowed_again}).
 */
@Test(groups = {Groups.SECURITY}, dependsOnGroups = Groups.SMOKE)
public class AccessMatrixIT extends SuiteBase {
    private AccessMatrix matrix;
    private MatrixWorlds worlds;
    private Credentials credentials;
    private List<Map<String, String>> published;
    /** Writes on one victim run one at a time, so a before/after re-read sees only its own request. */
    private final Map<String, Object> victimLocks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> allowedWrites = new ConcurrentHashMap<>();

    @BeforeClass(alwaysRun = true)
    public void buildWorlds() {
        matrix = AccessMatrix.load();
        credentials = new Credentials(env());
        Response table = api().routeTable();
        assertThat(table.asString(), table.statusCode(), equalTo(200));
        published = RawResponse.of(table).field("routes", new TypeReference<List<Map<String, String>>>() {});
        assertThat("routes published on /meta/routes", published.size(), greaterThan(20));
        String adminToken = Api.read(api().login(env().adminEmail(), env().adminPassword()), Login.class).accessToken();
        worlds = new MatrixWorlds(this::api, this::cloud, adminToken, env().agentToken(), env().serviceToken());
    }

    @Test(description = "a published route without expectations, or expectations for an unpublished route, fail")
    public void everyPublishedRouteHasExpectationsWithItsPublishedAccess() {
        Set<String> publishedKeys = new TreeSet<>();
        List<String> wrongAccess = new ArrayList<>();
        for (Map<String, String> route : published) {
            String key = route.get("method") + " " + route.get("path");
            publishedKeys.add(key);
            AccessMatrix.RouteSpec spec = matrix.routes().get(key);
            if (spec != null && !matrix.rules().get(spec.rule()).publishedAccess().equals(route.get("access"))) {
                wrongAccess.add(key + " is published as " + route.get("access") + " but testdata's rule " + spec.rule()
                        + " expects " + matrix.rules().get(spec.rule()).publishedAccess());
            }
        }
        Set<String> missing = new TreeSet<>(publishedKeys);
        missing.removeAll(matrix.routes().keySet());
        Set<String> stale = new TreeSet<>(matrix.routes().keySet());
        stale.removeAll(publishedKeys);

        assertThat("published routes with no entry in " + AccessMatrix.FILE, missing, empty());
        assertThat("entries in " + AccessMatrix.FILE + " the platform does not publish", stale, empty());
        assertThat("access rules", wrongAccess, empty());
    }

    @DataProvider(name = "refusals", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] refusals() {
        return cases(false);
    }

    @DataProvider(name = "allowed", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] allowed() {
        return cases(true);
    }

    @Test(dataProvider = "refusals")
    public void refusedCredentialIsRefusedAndWritesNothing(MatrixCase c) {
        int expected = matrix.expected(c.route(), c.kind());
        MatrixWorlds.Victim victim = worlds.victim(c.route().victim(), c.route().key(), c.route().inventory());
        Map<String, String> values = values(c, victim);
        Map<String, String> headers = headers(c, victim);

        if (!c.route().writes()) {
            assertStatus(c, send(c, values, headers), expected);
            return;
        }
        synchronized (lock(victim)) {
            List<List<Map<String, Object>>> before = reread(c.route(), values);
            Response response = send(c, values, headers);
            List<List<Map<String, Object>>> after = reread(c.route(), values);
            assertStatus(c, response, expected);
            assertThat(c + " answered " + response.statusCode() + " but had already written: the victim's rows changed",
                    after, equalTo(before));
        }
    }

    @Test(dataProvider = "allowed", dependsOnMethods = "refusedCredentialIsRefusedAndWritesNothing", alwaysRun = true)
    public void allowedCredentialIsAllowed(MatrixCase c) {
        MatrixWorlds.Victim victim = worlds.victim(c.route().victim(), c.route().key(), c.route().inventory());
        Map<String, String> values = values(c, victim);
        Map<String, String> headers = headers(c, victim);
        synchronized (lock(victim)) {
            int earlier = c.route().writes()
                    ? allowedWrites.computeIfAbsent(c.route().key(), k -> new AtomicInteger()).getAndIncrement() : 0;
            int expected = earlier > 0 && c.route().allowedAgain() != null ? c.route().allowedAgain() : c.route().allowed();
            assertStatus(c, send(c, values, headers), expected);
        }
    }

    @Test(description = "control for the expired kind: the same claims re-signed with a future expiry are accepted")
    public void remintedTokenWithFutureExpiryIsAccepted() {
        MatrixWorlds.Victim victim = worlds.victim("reads", "control");
        String token = credentials.remintedValid(victim.owner().accessToken()).orElseThrow(() -> new AssertionError(
                "this environment does not expose the JWT secret, so no token can be minted"));
        Response response = api().withToken(token).customer(victim.owner().customerId());
        assertThat("a re-minted, unexpired token: " + response.asString(), response.statusCode(), equalTo(200));
    }

    @DataProvider(name = "websocket", parallel = true, propagateFailureAsTestFailure = true)
    public Object[][] websocket() {
        AtomicInteger number = new AtomicInteger();
        Object[][] rows = matrix.kinds().stream().map(k -> new Object[] {new MatrixCase(null, k, number.incrementAndGet())})
                .toArray(Object[][]::new);
        assertThat("websocket cases", rows.length, greaterThan(0));
        return rows;
    }

    @Test(dataProvider = "websocket")
    public void websocketAnswersEachCredentialKind(MatrixCase c) {
        MatrixWorlds.Victim victim = worlds.victim("reads", "websocket");
        Object expected = matrix.websocketExpect().get(c.kind());
        Map<String, String> headers = headers(c, victim);

        String outcome = SocketProbe.connect(env().orchestratorUrl(), victim.owner().customerId(), headers);

        assertThat(c + " (" + TestReport.class.getSimpleName() + " shows the handshake)", outcome,
                equalTo(String.valueOf(expected)));
    }

    private Object[][] cases(boolean allowed) {
        AtomicInteger number = new AtomicInteger();
        List<Object[]> rows = new ArrayList<>();
        for (Map<String, String> route : published) {
            AccessMatrix.RouteSpec spec = matrix.routes().get(route.get("method") + " " + route.get("path"));
            if (spec == null) {
                continue; // reported by everyPublishedRouteHasExpectationsWithItsPublishedAccess
            }
            for (String kind : matrix.kinds()) {
                if (matrix.isAllowed(spec, kind) == allowed) {
                    rows.add(new Object[] {new MatrixCase(spec, kind, number.incrementAndGet())});
                }
            }
        }
        assertThat((allowed ? "allowed" : "refused") + " cases generated", rows.size(), greaterThan(0));
        TestReport.info(rows.size() + " " + (allowed ? "allowed" : "refused") + " cases");
        return rows.toArray(Object[][]::new);
    }

    private Object lock(MatrixWorlds.Victim victim) {
        return victimLocks.computeIfAbsent(victim.name(), k -> new Object());
    }

    private Map<String, String> values(MatrixCase c, MatrixWorlds.Victim victim) {
        Map<String, String> values = new LinkedHashMap<>();
        victim.values().forEach((k, v) -> values.put("victim." + k, v));
        values.put("fixture.agent_id", worlds.fixtureAgentId());
        values.put("case.unique", UUID.randomUUID().toString());
        values.put("case.email", TestCustomers.uniqueEmail());
        values.put("case.number", String.valueOf(1000 + c.number()));
        Instant now = Instant.now();
        values.put("now", now.toString());
        values.put("now-1h", now.minusSeconds(3600).toString());
        return values;
    }

    private Map<String, String> headers(MatrixCase c, MatrixWorlds.Victim victim) {
        Credentials.Parties parties = new Credentials.Parties(victim.owner().accessToken(), victim.runtimeToken(),
                worlds.attacker().owner().accessToken(), worlds.attacker().runtimeToken(), worlds.adminToken());
        Credentials.Built built = credentials.headers(c.kind(), parties);
        if (built.notApplicable() != null) {
            throw new AssertionError("credential kind " + c.kind() + " cannot be built in this mode: "
                    + built.notApplicable());
        }
        return built.headers();
    }

    private Response send(MatrixCase c, Map<String, String> values, Map<String, String> headers) {
        AccessMatrix.RouteSpec route = c.route();
        String path = route.path();
        for (Map.Entry<String, String> param : route.pathParams().entrySet()) {
            path = path.replace("{" + param.getKey() + "}", Templates.fill(param.getValue(), values));
        }
        RequestSpecification request = api().request().headers(headers).urlEncodingEnabled(true);
        route.query().forEach((k, v) -> request.queryParam(k, Templates.fill(v, values)));
        JsonNode body = Templates.fill(route.body(), values);
        if (body != null) {
            request.body(body.toString());
        }
        return request.request(route.method(), path);
    }

    private List<List<Map<String, Object>>> reread(AccessMatrix.RouteSpec route, Map<String, String> values) {
        List<List<Map<String, Object>>> rows = new ArrayList<>();
        for (AccessMatrix.Probe probe : route.reread()) {
            Object[] params = probe.params().stream().map(p -> Templates.fill(p, values)).toArray();
            rows.add(switch (probe.store()) {
                case "postgres" -> db().postgres(probe.sql(), params);
                case "clickhouse" -> db().clickhouse(probe.sql(), params);
                default -> throw new IllegalStateException(route.key() + ": unknown store " + probe.store());
            });
        }
        return rows;
    }

    private static void assertStatus(MatrixCase c, Response response, int expected) {
        assertThat(c + ": " + abbreviate(response.asString()), response.statusCode(), equalTo(expected));
        if (expected >= 400) {
            // raw on purpose: any route's error body, whatever the status, must carry the error model
            RawResponse raw = RawResponse.of(response);
            assertThat(c + ": error body " + abbreviate(response.asString()), raw.text("error"), notNullValue());
            assertThat(c + ": error message", raw.text("message"), notNullValue());
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    static String kinds(List<String> kinds) {
        return kinds.stream().collect(Collectors.joining(", "));
    }
}
