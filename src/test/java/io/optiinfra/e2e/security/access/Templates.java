package io.optiinfra.e2e.security.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the ${...} placeholders of testdata templates from named values. An unknown name is an error (a typo in
 * testdata must not turn into a request for the literal text). A string that is exactly {@code "${int:name}"}
 * becomes a JSON number.
 */
public final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern WHOLE_INT = Pattern.compile("\\$\\{int:([^}]+)}");

    private Templates() {}

    public static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("testdata placeholder ${" + name + "} has no value; known: " + values.keySet());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    public static JsonNode fill(JsonNode template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        if (template.isTextual()) {
            Matcher whole = WHOLE_INT.matcher(template.textValue());
            if (whole.matches()) {
                return IntNode.valueOf(Integer.parseInt(fill("${" + whole.group(1) + "}", values)));
            }
            return TextNode.valueOf(fill(template.textValue(), values));
        }
        if (template.isArray()) {
            ArrayNode copy = ((ArrayNode) template).arrayNode();
            template.forEach(item -> copy.add(fill(item, values)));
            return copy;
        }
        if (template.isObject()) {
            ObjectNode copy = ((ObjectNode) template).objectNode();
            template.fields().forEachRemaining(e -> copy.set(e.getKey(), fill(e.getValue(), values)));
            return copy;
        }
        return template;
    }
}
