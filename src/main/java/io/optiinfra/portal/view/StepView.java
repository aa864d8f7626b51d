package io.optiinfra.portal.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** One rollout step: its state, times and — for a validate_* gate — the checks it made. */
public record StepView(int seq, String name, String status, String startedAt, String completedAt,
                       List<String> gateChecks, String error) {
    static StepView from(JsonNode s) {
        List<String> checks = new ArrayList<>();
        JsonNode gate = s.path("detail").path("gate");
        if (gate.isObject()) {
            gate.fields().forEachRemaining(e -> checks.add(e.getKey() + ": " + text(e.getValue())));
        } else if (gate.isArray()) {
            gate.forEach(g -> checks.add(text(g)));
        }
        String error = s.path("detail").hasNonNull("error") ? s.path("detail").get("error").asText() : null;
        return new StepView(s.path("seq").asInt(), s.path("name").asText(), s.path("status").asText(),
                s.path("started_at").asText(""), s.path("completed_at").asText(""), checks, error);
    }

    public boolean gate() {
        return name.startsWith("validate_");
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
