package io.optiinfra.e2e.security.input;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Objects;

/**
 * A semantic case of input-schema.json ({@code semantic_cases}): the route's valid body with the fields of
 * {@code set} replaced (field paths such as {@code recommendations[0].details.instance_count}, values with
 * placeholders) so that the body contradicts itself or the stored data, and the answer it must get.
 * {@code rule} is the case's id; {@code error}, when given, the error code the answer must carry.
 */
record CrossFieldRule(@JsonProperty("rule") String rule,
                      @JsonProperty("name") String name,
                      @JsonProperty("set") Map<String, JsonNode> set,
                      @JsonProperty("expect") Integer expect,
                      @JsonProperty("error") String error) {
    CrossFieldRule {
        Objects.requireNonNull(rule, "semantic case without a rule id");
        Objects.requireNonNull(name, "semantic case " + rule + " without a name");
        Objects.requireNonNull(set, "semantic case " + rule + " sets nothing");
        Objects.requireNonNull(expect, "semantic case " + rule + " without an expected status");
        set = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set)); // in order: a parent before its fields
    }
}
