package io.optiinfra.e2e.security.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.data.TestData;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

/**
 * input-schema.json generates without an environment (a typo in a field path, a probe or a placeholder fails here,
 * in seconds, not after a boot), and the generator does what the schema says: every bad character at three positions
 * of every string, one case per uniqueness and reference annotation, an exact 4xx and a probe for every semantic case.
 */
public class BadInputSchemaTest {
    private static final JsonNode ROUTES = TestData.readTree(BadInputMatrixIT.FILE).required("routes");

    @Test
    public void everyRouteGeneratesCasesWithDistinctNames() {
        List<String> duplicates = new ArrayList<>();
        for (var it = ROUTES.fields(); it.hasNext(); ) {
            var route = it.next();
            Set<String> names = new HashSet<>();
            for (BadInputCase c : generate(route.getKey())) {
                if (!names.add(c.what())) {
                    duplicates.add(c.toString());
                }
            }
        }
        assertThat("cases a report could not tell apart", duplicates, empty());
    }

    @Test
    public void everyBadCharacterSitsAtThreePositionsOfEveryString() {
        List<BadInputCase> cases = generate("POST /agent-runtime/connect");
        for (String field : List.of("customer_id", "agent_token", "hostname", "version")) {
            for (BadCharacter c : BadCharacter.values()) {
                for (BadCharacter.Position p : BadCharacter.Position.values()) {
                    assertThat(field + " " + c.describe(p), cases.stream().filter(k -> k.what().equals(field + ": "
                            + c.describe(p))).toList(), hasSize(1));
                }
            }
        }
        BadInputCase last = named(cases, "hostname: lone surrogate at the last position");
        assertThat(last.rawBody(), org.hamcrest.Matchers.containsString("\"bad-input-host\\ud800\""));
        BadInputCase first = named(generate("GET /customers/{id}"), "path {id}: NUL byte at the first position");
        assertThat(first.rawPath(), org.hamcrest.Matchers.startsWith("/customers/%00"));
    }

    @Test
    public void semanticCasesExpectAnExact4xxAndReadTheirTargetsState() {
        int semantic = 0;
        for (var it = ROUTES.fields(); it.hasNext(); ) {
            var route = it.next();
            for (BadInputCase c : generate(route.getKey())) {
                if (!c.semantic()) {
                    continue;
                }
                semantic++;
                assertThat(c + " expects", c.expectedStatus(), allOf(greaterThanOrEqualTo(400), lessThan(500)));
                assertThat(c + " reads a state", c.probe(), notNullValue());
                if (!"GET".equals(c.method())) {
                    assertThat(c + " on a write route compares stored state", c.probe() == StateProbe.NONE, equalTo(false));
                }
            }
        }
        assertThat("semantic cases", semantic, greaterThanOrEqualTo(60));
    }

    @Test
    public void annotationsBecomeTheirCases() {
        List<BadInputCase> snapshot = generate(BadInputWorld.INFRASTRUCTURE_ROUTE);
        assertThat(named(snapshot, "instances: two items with the same id").expectedStatus(), equalTo(400));
        assertThat(named(snapshot, "path {id}: unknown customer").expectedError(), equalTo("not_found"));
        assertThat(named(snapshot, "rule snapshot-instance-deployment-in-snapshot: an instance names a deployment that "
                + "is not in the snapshot").rawBody(), org.hamcrest.Matchers.containsString("d-not-in-this-snapshot"));

        List<BadInputCase> complete = generate("POST /orchestrator/tasks/{taskId}/complete");
        BadInputCase unknownAgent = named(complete, "agent_id: unknown agent");
        assertThat(unknownAgent.expectedStatus(), equalTo(409));
        assertThat(unknownAgent.expectedError(), equalTo("agent_not_registered"));
        assertThat(named(complete, "recommendations[0].affected_resources[0]: another tenant's resource").rawBody(),
                org.hamcrest.Matchers.containsString("\"affected_resources\":[\"i-by-1\""));
        assertThat(named(complete, "recommendations[0].affected_resources: repeated value").probe(),
                equalTo(StateProbe.FIXTURE_TASK));
    }

    private static BadInputCase named(List<BadInputCase> cases, String what) {
        List<BadInputCase> found = cases.stream().filter(c -> c.what().equals(what)).toList();
        assertThat("cases named " + what, found, hasSize(1));
        return found.get(0);
    }

    private static List<BadInputCase> generate(String route) {
        return new BadInputGenerator(route, ROUTES.required(route), BadInputSchemaTest::values).generate();
    }

    /** Every placeholder the schema may use, with made-up values. */
    private static Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : List.of("victim.customer_id", "bystander.customer_id", "fixture.agent_id", "fixture.task_id",
                "random_uuid")) {
            values.put(key, UUID.randomUUID().toString());
        }
        values.put("victim.email", "victim@example.com");
        values.put("victim.email_upper", "VICTIM@EXAMPLE.COM");
        values.put("victim.runtime_token", "rt_0123");
        values.put("victim.instance_id", "i-v-1");
        values.put("victim.instance_id_2", "i-v-2");
        values.put("victim.deployment_id", "d-v");
        values.put("bystander.instance_id", "i-by-1");
        values.put("bystander.resource_id", "i-by-1");
        values.put("bystander.deployment_id", "d-by");
        values.put("case.email", "case-" + UUID.randomUUID() + "@example.com");
        values.put("now", "2026-01-01T01:00:00Z");
        values.put("now-1h", "2026-01-01T00:00:00Z");
        return values;
    }
}
