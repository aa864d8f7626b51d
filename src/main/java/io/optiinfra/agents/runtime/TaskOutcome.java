package io.optiinfra.agents.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a handler produced: recommendations (already in the wire shape) and a free-form result. */
public record TaskOutcome(List<Map<String, Object>> recommendations, Map<String, Object> result) {
    public TaskOutcome {
        recommendations = List.copyOf(recommendations);
        result = Collections.unmodifiableMap(new LinkedHashMap<>(result)); // null values allowed
    }
}
