package io.optiinfra.e2e.security.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.e2e.security.input.BadCharacter.Position;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Generates the bad requests of one route from its schema (testdata/security/input-schema.json): body-level breakage
 * (malformed, duplicate key, wrong shape, oversized with and without Content-Length), then one field at a time
 * (missing, null, wrong type, every {@link BadCharacter} at three positions, too long, unknown enum, not a UUID, 1e309,
 * negative, above range, out-of-range instant), then every path parameter and query parameter, then the extra cases,
 * then the semantic ones ({@link SemanticCaseGenerator}: duplicates, unknown ids, fields that contradict each other).
 */
final class BadInputGenerator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final int OVERSIZED_BYTES = 400 * 1024;

    private final RouteTemplate route;
    private final JsonNode spec;
    private final List<BadInputCase> cases = new ArrayList<>();

    BadInputGenerator(String routeKey, JsonNode spec, Supplier<Map<String, String>> values) {
        this.route = new RouteTemplate(routeKey, spec, values);
        this.spec = spec;
    }

    List<BadInputCase> generate() {
        if (route.hasBody()) {
            bodyCases();
        }
        spec.path("path").fields().forEachRemaining(p -> pathCases(p.getKey(), p.getValue().asText()));
        spec.path("query_fields").fields().forEachRemaining(q -> queryCases(q.getKey(), q.getValue()));
        for (JsonNode extra : spec.path("extra_cases")) {
            Map<String, String> query = new LinkedHashMap<>(route.baseQuery());
            extra.path("query").fields().forEachRemaining(e -> query.put(e.getKey(), route.fill(e.getValue().asText())));
            String body = null;
            if (route.hasBody()) {
                ObjectNode object = (ObjectNode) route.baseBody();
                extra.path("body").fields().forEachRemaining(e -> object.set(e.getKey(), route.fill(e.getValue())));
                body = route.wrap(object);
            }
            add("extra: " + extra.required("name").asText(), route.path(Map.of()), RouteTemplate.rawQuery(query, Map.of()),
                    body, false, BadInputCase.ANY_CLIENT_ERROR);
        }
        cases.addAll(new SemanticCaseGenerator(route).generate());
        return cases;
    }

    private void bodyCases() {
        boolean anyRequired = anyRequired(spec.path("fields"));
        String valid = route.validBody();
        String path = route.path(Map.of());
        String query = route.validQuery();
        add("body: malformed JSON", path, query, valid.substring(0, valid.length() / 2), false, 400);
        if (anyRequired) {
            add("body: empty", path, query, "", false, 400);
            add("body: JSON null", path, query, "null", false, 400);
        }
        add("body: wrong shape", path, query, spec.path("array_of").asBoolean() ? "{}" : "[1, 2]", false, 400);
        JsonNode base = route.baseBody();
        String firstField = base.fieldNames().next();
        String duplicate = "{\"" + firstField + "\":" + base.get(firstField) + "," + base.toString().substring(1);
        add("body: duplicate key " + firstField, path, query, spec.path("array_of").asBoolean()
                ? "[" + duplicate + "]" : duplicate, false, 400);
        String padded = route.wrap(((ObjectNode) base.deepCopy()).put("padding", "x".repeat(OVERSIZED_BYTES)));
        add("body: oversized " + OVERSIZED_BYTES / 1024 + " KB with Content-Length", path, query, padded, false, 413);
        add("body: oversized " + OVERSIZED_BYTES / 1024 + " KB chunked (no Content-Length)", path, query, padded, true, 413);
        fieldCases(spec.path("fields"), List.of());
    }

    private void fieldCases(JsonNode fields, List<Object> parent) {
        fields.fields().forEachRemaining(f -> {
            List<Object> at = new ArrayList<>(parent);
            at.add(f.getKey());
            fieldCases(at, f.getValue());
        });
    }

    private void fieldCases(List<Object> at, JsonNode field) {
        String type = field.required("type").asText();
        String name = RouteTemplate.describe(at);
        if (field.path("required").asBoolean()) {
            bodyCase(name + ": missing", at, null);
            bodyCase(name + ": null", at, NODES.nullNode());
        }
        bodyCase(name + ": wrong type", at, wrongType(type));
        switch (type) {
            case "string" -> {
                JsonNode base = route.valueAt(at);
                String valid = base != null && base.isTextual() ? base.textValue() : "value";
                for (BadCharacter c : BadCharacter.values()) {
                    for (Position position : Position.values()) {
                        bodyCase(name + ": " + c.describe(position), at, NODES.textNode(c.in(valid, position)));
                    }
                }
                if (field.has("max_length")) {
                    bodyCase(name + ": longer than " + field.get("max_length").asInt(), at,
                            NODES.textNode("x".repeat(field.get("max_length").asInt() + 1)));
                }
                if (field.has("enum")) {
                    bodyCase(name + ": unknown enum value", at, NODES.textNode("not_a_known_value"));
                }
                if (field.path("uuid").asBoolean()) {
                    bodyCase(name + ": not a UUID", at, NODES.textNode("1' OR '1'='1"));
                }
            }
            case "integer", "number" -> {
                bodyCase(name + ": 1e309", at, NODES.textNode(RouteTemplate.HUGE_NUMBER));
                if (field.has("min") && field.get("min").asDouble() >= 0) {
                    bodyCase(name + ": negative", at, NODES.numberNode(-1));
                }
                if (field.has("max")) {
                    bodyCase(name + ": above " + field.get("max").asText(), at, NODES.numberNode(field.get("max").asDouble() + 1));
                }
                if ("integer".equals(type)) {
                    bodyCase(name + ": fractional", at, NODES.numberNode(1.5));
                }
            }
            case "instant" -> {
                bodyCase(name + ": out-of-range instant", at, NODES.textNode("+999999999-12-31T23:59:59Z"));
                bodyCase(name + ": year 0001 instant", at, NODES.textNode("0001-01-01T00:00:00Z"));
                bodyCase(name + ": not an instant", at, NODES.textNode("yesterday"));
            }
            case "array" -> {
                JsonNode items = field.path("items");
                List<Object> first = new ArrayList<>(at);
                first.add(0);
                bodyCase(name + "[0]: null item", first, NODES.nullNode());
                if ("object".equals(items.path("type").asText())) {
                    fieldCases(items.path("fields"), first);
                } else if (!items.isMissingNode()) {
                    JsonNode itemSpec = ((ObjectNode) items.deepCopy()).put("required", false);
                    fieldCases(first, itemSpec);
                }
            }
            case "object" -> fieldCases(field.path("fields"), at);
            default -> { }
        }
    }

    /** The base body with one field replaced ({@code value}) or removed ({@code null}). */
    private void bodyCase(String what, List<Object> at, JsonNode value) {
        add(what, route.path(Map.of()), route.validQuery(), route.wrap(route.bodyWith(at, value)), false,
                BadInputCase.ANY_CLIENT_ERROR);
    }

    private void pathCases(String param, String kind) {
        Map<String, String> bad = new LinkedHashMap<>();
        if ("uuid".equals(kind)) {
            bad.put("not a UUID", "not-a-uuid");
            bad.put("SQL injection", "1'%20OR%20'1'%3D'1");
            bad.put("UUID with a non-hex digit", "00000000-0000-0000-0000-00000000000g");
            bad.put("4000 characters", "0".repeat(4000));
        } else {
            bad.put("201 characters", "d".repeat(201));
        }
        String valid = route.pathValue(param);
        for (BadCharacter c : BadCharacter.values()) {
            for (Position position : Position.values()) {
                bad.put(c.describe(position), c.encodedIn(valid, position));
            }
        }
        bad.forEach((what, raw) -> add("path {" + param + "}: " + what, route.path(Map.of(param, raw)),
                route.validQuery(), route.validBody(), false, BadInputCase.ANY_CLIENT_ERROR));
    }

    private void queryCases(String param, JsonNode field) {
        Map<String, String> bad = new LinkedHashMap<>();
        String valid = route.baseQuery().getOrDefault(param, "value");
        for (BadCharacter c : BadCharacter.values()) {
            for (Position position : Position.values()) {
                bad.put(c.describe(position), c.encodedIn(valid, position));
            }
        }
        if (field.has("enum")) {
            bad.put("unknown enum value", "not_a_known_value");
        }
        if ("instant".equals(field.path("type").asText())) {
            bad.put("out-of-range instant", BadCharacter.encode("+999999999-12-31T23:59:59Z"));
            bad.put("year 0001 instant", "0001-01-01T00:00:00Z");
            bad.put("not an instant", "yesterday");
        }
        bad.forEach((what, raw) -> add("query " + param + ": " + what, route.path(Map.of()),
                RouteTemplate.rawQuery(route.baseQuery(), Map.of(param, raw)), null, false, BadInputCase.ANY_CLIENT_ERROR));
    }

    private void add(String what, String rawPath, String rawQuery, String body, boolean chunked, int expected) {
        cases.add(route.structural(what, rawPath, rawQuery, body, chunked, expected));
    }

    private static JsonNode wrongType(String type) {
        return switch (type) {
            case "string", "instant" -> NODES.objectNode().put("not", "a string");
            case "integer", "number", "boolean", "array", "object" -> NODES.textNode("not-a-" + type);
            default -> throw new IllegalStateException("unknown schema type " + type);
        };
    }

    private static boolean anyRequired(JsonNode fields) {
        for (JsonNode field : fields) {
            if (field.path("required").asBoolean()) {
                return true;
            }
        }
        return false;
    }
}
