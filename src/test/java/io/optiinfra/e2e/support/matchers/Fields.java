package io.optiinfra.e2e.support.matchers;

import io.optiinfra.e2e.support.api.Optimization;

/** Showing record fields in mismatch descriptions. */
final class Fields {

    private Fields() {
    }

    /**
     * A value as it should read in a message: quoted string or number; null reads "missing" (a record cannot tell an
     * absent field from a JSON null, and either fails the same way).
     */
    static String render(Object value) {
        if (value == null) {
            return "missing";
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    }

    /** " (result.error: ...)" when the optimization carries an error, so a wrong status explains itself. */
    static String errorHint(Optimization optimization) {
        if (optimization.result() != null && optimization.result().error() != null) {
            return " (result.error: " + render(optimization.result().error()) + ")";
        }
        return "";
    }
}
