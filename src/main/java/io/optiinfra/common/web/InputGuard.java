package io.optiinfra.common.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.ApiException;

import java.util.Iterator;
import java.util.Map;

/**
 * What no text or number of a request may carry, whatever the route: control characters (other than tab, line feed
 * and carriage return), lone UTF-16 surrogates (they cannot be stored as text and would silently become '?'), and
 * numbers that are not finite (1e309 parses as Infinity), and U+FFFD (bytes that were not UTF-8). Each is a 400 naming the field, checked before any write.
 */
public final class InputGuard {
    private static final int MAX_DEPTH = 32;

    private InputGuard() {}

    /** Walks a parsed JSON body; {@code path} names the field in the message. */
    public static void checkTree(JsonNode node) {
        check(node, "body", 0);
    }

    /** A single text value (query or path parameter, or a body field read on its own). */
    public static void checkText(String value, String field) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw ApiException.badRequest(field + " contains a lone UTF-16 surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw ApiException.badRequest(field + " contains a lone UTF-16 surrogate at index " + i);
            }
            if (c == '\uFFFD') {
                // what a decoder leaves of bytes that were not UTF-8: the sender's text is already lost
                throw ApiException.badRequest(field + " is not valid UTF-8 (replacement character at index " + i + ")");
            }
            if (isForbiddenControl(c)) {
                throw ApiException.badRequest(field + " contains control character U+"
                        + String.format("%04X", (int) c) + " at index " + i);
            }
        }
    }

    static boolean isForbiddenControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    private static void check(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw ApiException.badRequest("the JSON body is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isTextual()) {
            checkText(node.textValue(), path);
        } else if (node.isNumber()) {
            if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                throw ApiException.badRequest(path + " must be a finite number");
            }
            if (node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
                throw ApiException.badRequest(path + " must be a finite number");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]", depth + 1);
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                checkText(field.getKey(), path + " key");
                check(field.getValue(), path.equals("body") ? field.getKey() : path + "." + field.getKey(), depth + 1);
            }
        }
    }
}
