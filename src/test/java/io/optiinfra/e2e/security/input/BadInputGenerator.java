package io.optiinfra.e2e.security.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.e2e.security.access.Templates;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Generates the bad requests of one route from its schema (testdata/security/input-schema.json): body-level breakage
 * (malformed, duplicate key, wrong shape, oversized with and without Content-Length), then one field at a time
 * (missing, null, wrong type, NUL, lone surrogate, control character, too long, unknown enum, not a UUID, 1e309,
 * negative, above range, out-of-range instant), then every path parameter and query parameter, then extra cases.
 */
final class BadInputGenerator {
    /** Markers replaced in the serialized JSON by what Jackson would refuse to write (escapes, raw numbers). */
    private static final String LONE_SURROGATE = "__lone_surrogate__";
    private static final String HUGE_NUMBER = "__1e309__";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final int OVERSIZED_BYTES = 400 * 1024;

    private final String routeKey;
    private final String method;
    private final String pathTemplate;
    private final JsonNode spec;
    private final Supplier<Map<String, String>> values;
    private final List<BadInputCase> cases = new ArrayList<>();

    BadInputGenerator(String routeKey, JsonNode spec, Supplier<Map<String, String>> values) {
        this.routeKey = routeKey;
        this.method = routeKey.split(" ", 2)[0];
        this.pathTemplate = routeKey.split(" ", 2)[1];
        this.spec = spec;
        this.values = values;
    }

    List<BadInputCase> generate() {
        if (spec.has("body")) {
            bodyCases();
        }
        spec.path("path").fields().forEachRemaining(p -> pathCases(p.getKey(), p.getValue().asText()));
        spec.path("query_fields").fields().forEachRemaining(q -> queryCases(q.getKey(), q.getValue()));
        for (JsonNode extra : spec.path("extra_cases")) {
            Map<String, String> query = new LinkedHashMap<>(baseQuery());
            extra.path("query").fields().forEachRemaining(e -> query.put(e.getKey(), Templates.fill(e.getValue().asText(), values.get())));
            String body = null;
            if (spec.has("body")) {
                ObjectNode object = (ObjectNode) baseBody();
                extra.path("body").fields().forEachRemaining(e -> object.set(e.getKey(), Templates.fill(e.getValue(), values.get())));
                body = wrap(object);
            }
            add("extra: " + extra.required("name").asText(), path(Map.of()), query, body, false, BadInputCase.ANY_CLIENT_ERROR);
        }
        return cases;
    }

    private void bodyCases() {
        boolean anyRequired = anyRequired(spec.path("fields"));
        String valid = wrap(baseBody());
        add("body: malformed JSON", path(Map.of()), baseQuery(), valid.substring(0, valid.length() / 2), false, 400);
        if (anyRequired) {
            add("body: empty", path(Map.of()), baseQuery(), "", false, 400);
            add("body: JSON null", path(Map.of()), baseQuery(), "null", false, 400);
        }
        add("body: wrong shape", path(Map.of()), baseQuery(), spec.path("array_of").asBoolean() ? "{}" : "[1, 2]", false, 400);
        String firstField = baseBody().fieldNames().next();
        String duplicate = "{\"" + firstField + "\":" + baseBody().get(firstField) + "," + baseBody().toString().substring(1);
        add("body: duplicate key " + firstField, path(Map.of()), baseQuery(), spec.path("array_of").asBoolean()
                ? "[" + duplicate + "]" : duplicate, false, 400);
        String padded = oversized(baseBody());
        add("body: oversized " + OVERSIZED_BYTES / 1024 + " KB with Content-Length", path(Map.of()), baseQuery(), padded, false, 413);
        add("body: oversized " + OVERSIZED_BYTES / 1024 + " KB chunked (no Content-Length)", path(Map.of()), baseQuery(),
                padded, true, 413);
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
        String name = describe(at);
        if (field.path("required").asBoolean()) {
            bodyCase(name + ": missing", at, null, true);
            bodyCase(name + ": null", at, NODES.nullNode(), false);
        }
        bodyCase(name + ": wrong type", at, wrongType(type), false);
        switch (type) {
            case "string" -> {
                bodyCase(name + ": NUL byte", at, NODES.textNode("bad\u0000value"), false);
                bodyCase(name + ": lone surrogate", at, NODES.textNode("bad" + LONE_SURROGATE), false);
                bodyCase(name + ": control character", at, NODES.textNode("bad\u0007value"), false);
                if (field.has("max_length")) {
                    bodyCase(name + ": longer than " + field.get("max_length").asInt(), at,
                            NODES.textNode("x".repeat(field.get("max_length").asInt() + 1)), false);
                }
                if (field.has("enum")) {
                    bodyCase(name + ": unknown enum value", at, NODES.textNode("not_a_known_value"), false);
                }
                if (field.path("uuid").asBoolean()) {
                    bodyCase(name + ": not a UUID", at, NODES.textNode("1' OR '1'='1"), false);
                }
            }
            case "integer", "number" -> {
                bodyCase(name + ": 1e309", at, NODES.textNode(HUGE_NUMBER), false);
                if (field.has("min") && field.get("min").asDouble() >= 0) {
                    bodyCase(name + ": negative", at, NODES.numberNode(-1), false);
                }
                if (field.has("max")) {
                    bodyCase(name + ": above " + field.get("max").asText(), at, NODES.numberNode(field.get("max").asDouble() + 1), false);
                }
                if ("integer".equals(type)) {
                    bodyCase(name + ": fractional", at, NODES.numberNode(1.5), false);
                }
            }
            case "instant" -> {
                bodyCase(name + ": out-of-range instant", at, NODES.textNode("+999999999-12-31T23:59:59Z"), false);
                bodyCase(name + ": year 0001 instant", at, NODES.textNode("0001-01-01T00:00:00Z"), false);
                bodyCase(name + ": not an instant", at, NODES.textNode("yesterday"), false);
            }
            case "array" -> {
                JsonNode items = field.path("items");
                List<Object> first = new ArrayList<>(at);
                first.add(0);
                bodyCase(name + "[0]: null item", first, NODES.nullNode(), false);
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

    private void bodyCase(String what, List<Object> at, JsonNode value, boolean remove) {
        JsonNode body = baseBody();
        JsonNode parent = body;
        for (int i = 0; i < at.size() - 1; i++) {
            Object step = at.get(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
            if (parent == null) {
                throw new IllegalStateException(routeKey + ": the schema field " + describe(at)
                        + " is not in the route's base body");
            }
        }
        Object last = at.get(at.size() - 1);
        if (parent instanceof ObjectNode object) {
            if (remove) {
                object.remove((String) last);
            } else {
                object.set((String) last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, value);
        }
        add(what, path(Map.of()), baseQuery(), wrap(body), false, BadInputCase.ANY_CLIENT_ERROR);
    }

    private void pathCases(String param, String kind) {
        List<String[]> bad = new ArrayList<>();
        if ("uuid".equals(kind)) {
            bad.add(new String[] {"not a UUID", "not-a-uuid"});
            bad.add(new String[] {"SQL injection", "1'%20OR%20'1'%3D'1"});
            bad.add(new String[] {"UUID with a non-hex digit", "00000000-0000-0000-0000-00000000000g"});
            bad.add(new String[] {"4000 characters", "0".repeat(4000)});
        } else {
            bad.add(new String[] {"201 characters", "d".repeat(201)});
            bad.add(new String[] {"control character", "bad%07id"});
        }
        bad.add(new String[] {"NUL byte", "bad%00id"});
        bad.add(new String[] {"invalid UTF-8 (lone surrogate)", "bad%ED%A0%80id"});
        for (String[] b : bad) {
            add("path {" + param + "}: " + b[0], path(Map.of(param, b[1])), baseQuery(),
                    spec.has("body") ? wrap(baseBody()) : null, false, BadInputCase.ANY_CLIENT_ERROR);
        }
    }

    private void queryCases(String param, JsonNode field) {
        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {"NUL byte", "bad\u0000value"});
        bad.add(new String[] {"control character", "bad\u0007value"});
        if (field.has("enum")) {
            bad.add(new String[] {"unknown enum value", "not_a_known_value"});
        }
        if ("instant".equals(field.path("type").asText())) {
            bad.add(new String[] {"out-of-range instant", "+999999999-12-31T23:59:59Z"});
            bad.add(new String[] {"year 0001 instant", "0001-01-01T00:00:00Z"});
            bad.add(new String[] {"not an instant", "yesterday"});
        }
        for (String[] b : bad) {
            Map<String, String> query = new LinkedHashMap<>(baseQuery());
            query.put(param, b[1]);
            add("query " + param + ": " + b[0], path(Map.of()), query, null, false, BadInputCase.ANY_CLIENT_ERROR);
        }
    }

    private void add(String what, String rawPath, Map<String, String> query, String body, boolean chunked, int expected) {
        cases.add(new BadInputCase(routeKey, method, what, rawPath, query, body, chunked, expected,
                spec.path("credential").asText("owner")));
    }

    private JsonNode baseBody() {
        return Templates.fill(spec.get("body"), values.get()).deepCopy();
    }

    private Map<String, String> baseQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        spec.path("query").fields().forEachRemaining(e -> query.put(e.getKey(), Templates.fill(e.getValue().asText(), values.get())));
        return query;
    }

    /** The path with every parameter filled (valid values, or the raw, already encoded bad one). */
    private String path(Map<String, String> overrides) {
        String path = pathTemplate;
        Map<String, String> v = values.get();
        JsonNode params = spec.path("path");
        for (var it = params.fieldNames(); it.hasNext(); ) {
            String param = it.next();
            String value = overrides.get(param);
            if (value == null) {
                String template = spec.path("path_values").path(param).asText(param.equals("id") ? "${victim.customer_id}" : "${random_uuid}");
                value = URLEncoder.encode(Templates.fill(template, v), StandardCharsets.UTF_8);
            }
            path = path.replace("{" + param + "}", value);
        }
        return path;
    }

    /** Serializes a body (wrapped in an array for array routes) and swaps the markers for raw JSON. */
    private String wrap(JsonNode body) {
        String json = spec.path("array_of").asBoolean() ? "[" + body + "]" : body.toString();
        return json.replace(LONE_SURROGATE, "\\ud800").replace("\"" + HUGE_NUMBER + "\"", "1e309");
    }

    private String oversized(JsonNode body) {
        ObjectNode padded = ((ObjectNode) body.deepCopy()).put("padding", "x".repeat(OVERSIZED_BYTES));
        return wrap(padded);
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

    private static String describe(List<Object> at) {
        StringBuilder out = new StringBuilder();
        for (Object step : at) {
            out.append(step instanceof Integer i ? "[" + i + "]" : (out.length() == 0 ? "" : ".") + step);
        }
        return out.toString();
    }
}
