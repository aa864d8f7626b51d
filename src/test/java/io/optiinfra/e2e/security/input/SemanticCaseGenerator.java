package io.optiinfra.e2e.security.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.e2e.support.data.TestData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The semantic bad inputs of one route: well-formed bodies that are still wrong. From the schema's annotations:
 * <ul>
 *   <li>{@code unique} (an array of strings) and {@code unique_by} (an array of objects, by those fields;
 *   {@code array_unique_by} for a route whose body is an array): the first item repeated → 400;</li>
 *   <li>{@code references} on a field or in {@code path_references}: an unknown id, and with {@code other_tenant}
 *   another customer's real id → 404 unless the entry says otherwise;</li>
 *   <li>{@code semantic_cases}: named cross-field contradictions with their expected answer.</li>
 * </ul>
 * Every case carries the route's {@code state} probe, so the target's stored state is compared before and after; a
 * write route with semantic cases and no probe is a schema error.
 */
final class SemanticCaseGenerator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int DUPLICATE = 400;

    private final RouteTemplate route;
    private final JsonNode spec;
    private final List<BadInputCase> cases = new ArrayList<>();

    SemanticCaseGenerator(RouteTemplate route) {
        this.route = route;
        this.spec = route.spec;
    }

    List<BadInputCase> generate() {
        if (route.hasBody()) {
            fields(spec.path("fields"), List.of());
            if (spec.has("array_unique_by")) {
                List<String> keys = strings(spec.get("array_unique_by"));
                JsonNode body = route.baseBody();
                String twice = BadCharacter.jsonEscaped("[" + body + "," + body + "]");
                add("body: two items with the same " + String.join(", ", keys), route.path(Map.of()), twice,
                        DUPLICATE, "bad_request");
            }
            for (JsonNode node : spec.path("semantic_cases")) {
                rule(parse(node));
            }
        }
        spec.path("path_references").fields().forEachRemaining(p -> pathReference(p.getKey(), Reference.parse(p.getValue())));
        return cases;
    }

    private void fields(JsonNode fields, List<Object> parent) {
        fields.fields().forEachRemaining(f -> {
            List<Object> at = new ArrayList<>(parent);
            at.add(f.getKey());
            field(at, f.getValue());
        });
    }

    private void field(List<Object> at, JsonNode field) {
        String name = RouteTemplate.describe(at);
        if (field.has("references")) {
            bodyReference(at, name, field, Reference.parse(field.get("references")));
        }
        if (field.path("unique").asBoolean()) {
            add(name + ": repeated value", repeatFirst(at), DUPLICATE, "bad_request");
        }
        if (field.has("unique_by")) {
            add(name + ": two items with the same " + String.join(", ", strings(field.get("unique_by"))),
                    repeatFirst(at), DUPLICATE, "bad_request");
        }
        JsonNode items = field.path("items");
        List<Object> first = new ArrayList<>(at);
        first.add(0);
        if ("object".equals(items.path("type").asText())) {
            fields(items.path("fields"), first);
        } else if (items.isObject()) {
            field(first, items);
        } else if ("object".equals(field.path("type").asText())) {
            fields(field.path("fields"), at);
        }
    }

    private void bodyReference(List<Object> at, String name, JsonNode field, Reference ref) {
        String unknown = field.path("uuid").asBoolean() ? route.fill("${random_uuid}") : route.fill("unknown-${random_uuid}");
        add(name + ": unknown " + ref.entity(), body(at, NODES.textNode(unknown)), ref.unknown(),
                errorFor(ref.unknown(), ref.unknownError()));
        if (ref.withOtherTenant()) {
            add(name + ": another tenant's " + ref.entity(), body(at, NODES.textNode(route.fill(ref.otherTenantPlaceholder()))),
                    ref.otherTenantAnswer(), errorFor(ref.otherTenantAnswer(), ref.otherTenantErrorCode()));
        }
    }

    private void pathReference(String param, Reference ref) {
        String kind = spec.path("path").path(param).asText();
        String unknown = "uuid".equals(kind) ? route.fill("${random_uuid}") : route.fill("unknown-${random_uuid}");
        add("path {" + param + "}: unknown " + ref.entity(), route.path(Map.of(param, BadCharacter.encode(unknown))),
                route.validBody(), ref.unknown(), errorFor(ref.unknown(), ref.unknownError()));
        if (ref.withOtherTenant()) {
            String other = route.fill(ref.otherTenantPlaceholder());
            add("path {" + param + "}: another tenant's " + ref.entity(), route.path(Map.of(param, BadCharacter.encode(other))),
                    route.validBody(), ref.otherTenantAnswer(), errorFor(ref.otherTenantAnswer(), ref.otherTenantErrorCode()));
        }
    }

    private void rule(CrossFieldRule rule) {
        JsonNode body = route.baseBody();
        for (Map.Entry<String, JsonNode> set : rule.set().entrySet()) {
            body = with(body, RouteTemplate.parse(set.getKey()), route.fill(set.getValue()));
        }
        add("rule " + rule.rule() + ": " + rule.name(), route.path(Map.of()), route.wrap(body), rule.expect(),
                rule.error() != null ? rule.error() : errorFor(rule.expect(), null));
    }

    /** The base body with the array at {@code at} given a copy of its first item at the end. */
    private String repeatFirst(List<Object> at) {
        JsonNode array = route.valueAt(at);
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalStateException(route.routeKey + ": " + RouteTemplate.describe(at)
                    + " is unique but its base value is no array with an item to repeat");
        }
        ArrayNode twice = ((ArrayNode) array).deepCopy().add(array.get(0).deepCopy());
        return route.wrap(route.bodyWith(at, twice));
    }

    private String body(List<Object> at, JsonNode value) {
        return route.wrap(route.bodyWith(at, value));
    }

    /** {@code body} with the value at {@code at} set (objects on the way must exist in the base body). */
    private static JsonNode with(JsonNode body, List<Object> at, JsonNode value) {
        JsonNode parent = body;
        for (int i = 0; i < at.size() - 1; i++) {
            parent = at.get(i) instanceof Integer index ? parent.get(index) : parent.get((String) at.get(i));
            if (parent == null) {
                throw new IllegalStateException("semantic case sets " + RouteTemplate.describe(at)
                        + ", which is not in the base body");
            }
        }
        Object last = at.get(at.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set((String) last, value);
        } else {
            ((ArrayNode) parent).set((Integer) last, value);
        }
        return body;
    }

    private void add(String what, String rawBody, int status, String error) {
        add(what, route.path(Map.of()), rawBody, status, error);
    }

    private void add(String what, String rawPath, String rawBody, int status, String error) {
        cases.add(new BadInputCase(route.routeKey, route.method, what, rawPath, route.validQuery(), rawBody, false,
                status, error, route.credential(), probe()));
    }

    private StateProbe probe() {
        if (spec.has("state")) {
            return StateProbe.named(spec.get("state").asText());
        }
        if (route.isWrite()) {
            throw new IllegalStateException(BadInputMatrixIT.FILE + ": " + route.routeKey
                    + " has semantic cases but no \"state\" to compare before and after");
        }
        return StateProbe.NONE;
    }

    /** The error code a status implies where the platform has one code for it; null leaves the code unchecked. */
    private static String errorFor(int status, String explicit) {
        if (explicit != null) {
            return explicit;
        }
        return switch (status) {
            case 400 -> "bad_request";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            default -> null;
        };
    }

    private static CrossFieldRule parse(JsonNode node) {
        try {
            return TestData.mapper().treeToValue(node, CrossFieldRule.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(BadInputMatrixIT.FILE + ": bad semantic case " + node + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
