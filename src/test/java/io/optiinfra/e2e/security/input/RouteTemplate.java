package io.optiinfra.e2e.security.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.e2e.security.access.Templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One route's entry of testdata/security/input-schema.json as a valid request to break: its body, path and query
 * with the placeholders filled (fresh values per call, so each case gets its own ${random_uuid}), and the edits the
 * generators make to them. A field is addressed as the schema names it: {@code instances[0].details.deployment_id}.
 */
final class RouteTemplate {
    /** Replaced in the serialized body by what Jackson would refuse to write: a raw 1e309. */
    static final String HUGE_NUMBER = "__1e309__";
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    final String routeKey;
    final String method;
    final JsonNode spec;
    private final String pathTemplate;
    private final Supplier<Map<String, String>> values;

    RouteTemplate(String routeKey, JsonNode spec, Supplier<Map<String, String>> values) {
        this.routeKey = routeKey;
        this.method = routeKey.split(" ", 2)[0];
        this.pathTemplate = routeKey.split(" ", 2)[1];
        this.spec = spec;
        this.values = values;
    }

    boolean hasBody() {
        return spec.has("body");
    }

    boolean isWrite() {
        return !"GET".equals(method);
    }

    String credential() {
        return spec.path("credential").asText("owner");
    }

    Map<String, String> values() {
        return values.get();
    }

    JsonNode fill(JsonNode template) {
        return Templates.fill(template, values.get());
    }

    String fill(String template) {
        return Templates.fill(template, values.get());
    }

    JsonNode baseBody() {
        return fill(spec.get("body")).deepCopy();
    }

    /** The base body with the field at {@code at} set to {@code value}, or removed when {@code value} is null. */
    JsonNode bodyWith(List<Object> at, JsonNode value) {
        JsonNode body = baseBody();
        JsonNode parent = parentOf(body, at);
        Object last = at.get(at.size() - 1);
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove((String) last);
            } else {
                object.set((String) last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, value);
        }
        return body;
    }

    /** The base body's value at {@code at} (a valid value to insert bad characters into). */
    JsonNode valueAt(List<Object> at) {
        JsonNode value = parentOf(baseBody(), at);
        Object last = at.get(at.size() - 1);
        return last instanceof Integer i ? value.get(i) : value.get((String) last);
    }

    private JsonNode parentOf(JsonNode body, List<Object> at) {
        JsonNode parent = body;
        for (int i = 0; i < at.size() - 1; i++) {
            Object step = at.get(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
            if (parent == null) {
                throw new IllegalStateException(routeKey + ": the schema field " + describe(at)
                        + " is not in the route's base body");
            }
        }
        return parent;
    }

    /** The body as sent: wrapped in an array for array routes, the markers swapped for raw JSON. */
    String wrap(JsonNode body) {
        String json = spec.path("array_of").asBoolean() ? "[" + body + "]" : body.toString();
        return BadCharacter.jsonEscaped(json).replace("\"" + HUGE_NUMBER + "\"", "1e309");
    }

    String validBody() {
        return hasBody() ? wrap(baseBody()) : null;
    }

    Map<String, String> baseQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        spec.path("query").fields().forEachRemaining(e -> query.put(e.getKey(), fill(e.getValue().asText())));
        return query;
    }

    /** A query map percent-encoded, except the values in {@code raw}, which are already encoded. */
    static String rawQuery(Map<String, String> query, Map<String, String> raw) {
        Map<String, String> all = new LinkedHashMap<>(query);
        all.putAll(raw);
        return all.entrySet().stream().map(e -> e.getKey() + "=" + (raw.containsKey(e.getKey()) ? e.getValue()
                : BadCharacter.encode(e.getValue()))).collect(Collectors.joining("&"));
    }

    String validQuery() {
        return rawQuery(baseQuery(), Map.of());
    }

    /** The valid (unencoded) value of a path parameter. */
    String pathValue(String param) {
        return fill(spec.path("path_values").path(param).asText(param.equals("id") ? "${victim.customer_id}" : "${random_uuid}"));
    }

    /** The path with every parameter filled: valid values, or the raw (already encoded) ones of {@code overrides}. */
    String path(Map<String, String> overrides) {
        String path = pathTemplate;
        for (var it = spec.path("path").fieldNames(); it.hasNext(); ) {
            String param = it.next();
            String value = overrides.containsKey(param) ? overrides.get(param) : BadCharacter.encode(pathValue(param));
            path = path.replace("{" + param + "}", value);
        }
        return path;
    }

    /** The route's valid request, as the schema gives it (sent once in arrange for routes marked arrange_valid). */
    BadInputCase valid() {
        return structural("valid request", path(Map.of()), validQuery(), validBody(), false, 200);
    }

    BadInputCase structural(String what, String rawPath, String rawQuery, String body, boolean chunked, int expected) {
        return new BadInputCase(routeKey, method, what, rawPath, rawQuery, body, chunked, expected, null, credential(), null);
    }

    /** Parses {@code a.b[0].c} into the steps {@link #bodyWith} takes. */
    static List<Object> parse(String field) {
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(field);
        int end = 0;
        while (m.find()) {
            if (m.start() != end && field.charAt(end) != '.') {
                throw new IllegalStateException("not a field path: " + field);
            }
            steps.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
            end = m.end();
        }
        if (steps.isEmpty() || end != field.length()) {
            throw new IllegalStateException("not a field path: " + field);
        }
        return steps;
    }

    static String describe(List<Object> at) {
        StringBuilder out = new StringBuilder();
        for (Object step : at) {
            out.append(step instanceof Integer i ? "[" + i + "]" : (out.length() == 0 ? "" : ".") + step);
        }
        return out.toString();
    }
}
