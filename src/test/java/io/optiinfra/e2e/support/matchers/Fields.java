package io.optiinfra.e2e.support.matchers;

import java.util.Map;

/** Reading and showing fields of parsed JSON objects in mismatch descriptions. */
final class Fields {

    private Fields() {
    }

    /** The value of {@code key} as it should read in a message: quoted string, number, null, or "missing". */
    static String show(Map<?, ?> object, String key) {
        return object.containsKey(key) ? render(object.get(key)) : "missing";
    }

    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    }

    /** " (result.error: ...)" when the optimization carries an error, so a wrong status explains itself. */
    static String errorHint(Map<?, ?> optimization) {
        if (optimization.get("result") instanceof Map<?, ?> result && result.get("error") != null) {
            return " (result.error: " + render(result.get("error")) + ")";
        }
        return "";
    }
}
