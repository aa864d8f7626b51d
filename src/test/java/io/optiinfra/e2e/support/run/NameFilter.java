package io.optiinfra.e2e.support.run;

import io.optiinfra.e2e.support.Groups;
import org.testng.IMethodInstance;
import org.testng.ITestNGMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code -Dfocus=<regex>} / {@code -Dskip=<regex>} on test names ({@code Class.method} and, for a data-driven test,
 * {@code Class.method[row]}), and {@code -Drow=<regex>} on the row alone, for any suite or class selection. A regex
 * matches anywhere in the name (find, not match). The smoke gate always runs: every suite test depends on it.
 */
record NameFilter(Optional<Pattern> focus, Optional<Pattern> skip, Optional<Pattern> row) {

    static NameFilter fromSystemProperties() {
        return of(System.getProperty("focus", ""), System.getProperty("skip", ""), System.getProperty("row", ""));
    }

    /** Blank means no filter. */
    static NameFilter of(String focus, String skip, String row) {
        return new NameFilter(pattern(focus), pattern(skip), pattern(row));
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        focus.ifPresent(p -> parts.add("-Dfocus=" + p));
        skip.ifPresent(p -> parts.add("-Dskip=" + p));
        row.ifPresent(p -> parts.add("-Drow=" + p));
        return String.join(" ", parts);
    }

    boolean isEmpty() {
        return focus.isEmpty() && skip.isEmpty() && row.isEmpty();
    }

    /** The methods to keep: a data-driven method stays when one of its rows could still match (see {@link #rows}). */
    List<IMethodInstance> methods(List<IMethodInstance> methods) {
        List<IMethodInstance> kept = new ArrayList<>();
        for (IMethodInstance instance : methods) {
            ITestNGMethod method = instance.getMethod();
            if (isGate(method) || keepsMethod(name(method), method.isDataDriven())) {
                kept.add(instance);
            }
        }
        return kept;
    }

    /** A method {@code Class.method} stays unless skipped; a data-driven one while its rows may still match. */
    boolean keepsMethod(String name, boolean dataDriven) {
        return !matches(skip, name)
                && (focus.isEmpty() || matches(focus, name) || dataDriven)
                && (row.isEmpty() || dataDriven);
    }

    /** A row {@code Class.method[label]} stays when focus matches the method or the row, skip neither, row the label. */
    boolean keepsRow(String name, String label) {
        String full = name + "[" + label + "]";
        return !matches(skip, full)
                && (focus.isEmpty() || matches(focus, name) || matches(focus, full))
                && (row.isEmpty() || matches(row, label));
    }

    /** The rows of a data-driven method to keep: the full name must pass focus and skip, the row label -Drow. */
    Iterator<Object[]> rows(Iterator<Object[]> rows, ITestNGMethod method) {
        if (isEmpty() || isGate(method)) {
            return rows;
        }
        String name = name(method);
        List<Object[]> kept = new ArrayList<>();
        rows.forEachRemaining(parameters -> {
            if (keepsRow(name, label(parameters))) {
                kept.add(parameters);
            }
        });
        return kept.iterator();
    }

    /** {@code SimpleClassName.method}: what the progress lines and the report print. */
    static String name(ITestNGMethod method) {
        return method.getRealClass().getSimpleName() + "." + method.getMethodName();
    }

    /** A row's parameters as the report names the row. */
    static String label(Object[] parameters) {
        return Arrays.stream(parameters).map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static boolean isGate(ITestNGMethod method) {
        return Arrays.asList(method.getGroups()).contains(Groups.SMOKE);
    }

    private static boolean matches(Optional<Pattern> pattern, String text) {
        return pattern.isPresent() && pattern.get().matcher(text).find();
    }

    private static Optional<Pattern> pattern(String regex) {
        return regex == null || regex.isBlank() ? Optional.empty() : Optional.of(Pattern.compile(regex));
    }
}
