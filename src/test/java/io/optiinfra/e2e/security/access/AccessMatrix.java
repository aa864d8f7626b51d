package io.optiinfra.e2e.security.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.data.TestData;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * testdata/security/access-matrix.json read into types: credential kinds, rules (kind → status) and the routes with
 * their rule, victim, request template and the store reads that prove a refused write wrote nothing. Anything
 * incomplete (a rule without a kind, a write without a re-read, an unknown rule) is an error here, not a silent pass.
 */
public record AccessMatrix(List<String> kinds, Map<String, Rule> rules, Map<String, RouteSpec> routes,
                           Map<String, Object> websocketExpect) {
    public static final String FILE = "security/access-matrix.json";
    /** A rule's verdict for one kind: a status, or "allowed" (the route's own allowed status). */
    public static final String ALLOWED = "allowed";

    public record Rule(String name, String publishedAccess, Map<String, Object> expect) {}

    public record Probe(String store, String sql, List<String> params) {}

    /** {@code inventory}: an infrastructure snapshot the route's own tenant victim is given first, or null. */
    public record RouteSpec(String key, String method, String path, String rule, String victim, int allowed,
                            Integer allowedAgain, Map<String, String> pathParams, Map<String, String> query,
                            JsonNode body, List<Probe> reread, JsonNode inventory) {
        public boolean writes() {
            return !reread.isEmpty();
        }
    }

    public static AccessMatrix load() {
        JsonNode root = TestData.readTree(FILE);
        List<String> kinds = new ArrayList<>();
        root.required("credential_kinds").forEach(k -> kinds.add(k.asText()));
        Map<String, Rule> rules = new LinkedHashMap<>();
        root.required("rules").fields().forEachRemaining(e -> {
            Map<String, Object> expect = expectations(e.getValue().required("expect"), kinds, "rule " + e.getKey());
            rules.put(e.getKey(), new Rule(e.getKey(), e.getValue().required("published_access").asText(), expect));
        });
        Map<String, RouteSpec> routes = new LinkedHashMap<>();
        root.required("routes").fields().forEachRemaining(e -> routes.put(e.getKey(), route(e.getKey(), e.getValue(), rules)));
        Map<String, Object> ws = expectations(root.required("websocket").required("expect"), kinds, "websocket");
        return new AccessMatrix(List.copyOf(kinds), rules, routes, ws);
    }

    /** The status a credential kind must get on a route (not counting a repeated allowed write). */
    public int expected(RouteSpec route, String kind) {
        Object verdict = rules.get(route.rule()).expect().get(kind);
        return ALLOWED.equals(verdict) ? route.allowed() : ((Number) verdict).intValue();
    }

    public boolean isAllowed(RouteSpec route, String kind) {
        return ALLOWED.equals(rules.get(route.rule()).expect().get(kind));
    }

    private static Map<String, Object> expectations(JsonNode node, List<String> kinds, String where) {
        Map<String, Object> expect = new LinkedHashMap<>();
        for (String kind : kinds) {
            JsonNode verdict = node.get(kind);
            if (verdict == null) {
                throw new IllegalStateException(FILE + ": " + where + " has no expectation for credential kind " + kind);
            }
            expect.put(kind, verdict.isNumber() ? (Object) verdict.intValue() : verdict.asText());
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!kinds.contains(name)) {
                throw new IllegalStateException(FILE + ": " + where + " names unknown credential kind " + name);
            }
        }
        return expect;
    }

    private static RouteSpec route(String key, JsonNode node, Map<String, Rule> rules) {
        String[] methodAndPath = key.split(" ", 2);
        String rule = node.required("rule").asText();
        if (!rules.containsKey(rule)) {
            throw new IllegalStateException(FILE + ": route " + key + " has unknown rule " + rule);
        }
        List<Probe> reread = new ArrayList<>();
        if (node.has("reread")) {
            node.get("reread").forEach(p -> {
                List<String> params = new ArrayList<>();
                p.required("params").forEach(v -> params.add(v.asText()));
                reread.add(new Probe(p.required("store").asText(), p.required("sql").asText(), params));
            });
        }
        boolean mutating = !"GET".equals(methodAndPath[0]) && !"OPEN".equals(rule);
        if (mutating && reread.isEmpty()) {
            throw new IllegalStateException(FILE + ": " + key + " writes but names no store read to re-read its victim");
        }
        return new RouteSpec(key, methodAndPath[0], methodAndPath[1], rule, node.path("victim").asText("reads"),
                node.required("allowed").intValue(), node.has("allowed_again") ? node.get("allowed_again").intValue() : null,
                strings(node.get("path")), strings(node.get("query")), node.get("body"), List.copyOf(reread),
                node.get("inventory"));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        }
        return values;
    }
}
