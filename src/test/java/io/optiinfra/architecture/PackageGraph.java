package io.optiinfra.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package dependency graph of a set of Java sources (package = directory) and its cycles. An edge a → b exists when
 * a file of a names a type of b by import, static import, wildcard import or fully qualified name; comments and string
 * literals do not count. Only packages that have sources in the set are nodes, so references to the JDK or to other
 * platform modules never make edges.
 */
final class PackageGraph {
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"\"\"(?:.|\\n)*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'",
            Pattern.DOTALL);
    private static final Pattern REFERENCE = Pattern.compile(
            "\\bio\\s*\\.\\s*optiinfra(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)+");

    /** Where an edge comes from: each file:line and the reference it makes there, in file order. */
    record Evidence(List<String> sites) {
        private static final int SHOWN = 3;

        Evidence and(Evidence more) {
            List<String> all = new ArrayList<>(sites);
            all.addAll(more.sites);
            return new Evidence(all);
        }

        @Override
        public String toString() {
            String shown = String.join("; ", sites.subList(0, Math.min(SHOWN, sites.size())));
            return sites.size() > SHOWN ? shown + " (+" + (sites.size() - SHOWN) + " more)" : shown;
        }
    }

    /** package → package it depends on → why, in a stable order. */
    private final Map<String, Map<String, Evidence>> edges = new TreeMap<>();

    private PackageGraph() {}

    /** @param sources path relative to the source root (io/optiinfra/x/Y.java) → its text */
    static PackageGraph of(Map<String, String> sources) {
        PackageGraph graph = new PackageGraph();
        Set<String> packages = new TreeSet<>();
        sources.keySet().forEach(path -> packages.add(packageOf(path)));
        packages.forEach(p -> graph.edges.put(p, new TreeMap<>()));
        new TreeMap<>(sources).forEach((path, text) -> {
            String from = packageOf(path);
            String code = blankCommentsAndStrings(text);
            Matcher matcher = REFERENCE.matcher(code);
            while (matcher.find()) {
                String reference = matcher.group().replaceAll("\\s", "");
                String to = longestPackagePrefix(reference, packages);
                if (to != null && !to.equals(from)) {
                    int line = 1 + (int) code.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
                    graph.edges.get(from).merge(to, new Evidence(List.of(path + ":" + line + " names " + reference)),
                            Evidence::and);
                }
            }
        });
        return graph;
    }

    Map<String, Map<String, Evidence>> edges() {
        return edges;
    }

    /** Strongly connected components of more than one package (Tarjan), each sorted, in a stable order. */
    List<Set<String>> stronglyConnected() {
        Tarjan tarjan = new Tarjan();
        edges.keySet().forEach(tarjan::visitIfNew);
        return tarjan.components;
    }

    /**
     * One cycle per edge inside a component (that edge, then the shortest way back), without repeats: every edge that
     * keeps a component together shows up in some cycle. Each is written "a -> b -> a".
     */
    List<List<String>> cycles() {
        Set<List<String>> cycles = new LinkedHashSet<>();
        for (Set<String> component : stronglyConnected()) {
            for (String from : component) {
                for (String to : edges.get(from).keySet()) {
                    if (component.contains(to)) {
                        List<String> cycle = new ArrayList<>(List.of(from));
                        cycle.addAll(shortestPath(to, from, component));
                        cycles.add(canonical(cycle));
                    }
                }
            }
        }
        return new ArrayList<>(cycles);
    }

    /** "a -> b -> a" followed by the evidence of each edge, one per line. */
    String describe(List<String> cycle) {
        StringBuilder text = new StringBuilder(name(cycle));
        for (int i = 0; i + 1 < cycle.size(); i++) {
            text.append("\n      ").append(shorten(cycle.get(i))).append(" -> ").append(shorten(cycle.get(i + 1)))
                    .append(": ").append(edges.get(cycle.get(i)).get(cycle.get(i + 1)));
        }
        return text.toString();
    }

    static String name(List<String> cycle) {
        return String.join(" -> ", cycle.stream().map(PackageGraph::shorten).toList());
    }

    private static String shorten(String pkg) {
        return pkg.startsWith("io.optiinfra.") ? pkg.substring("io.optiinfra.".length()) : pkg;
    }

    /** Breadth first inside the component, neighbours in sorted order, so the same tree gives the same path. */
    private List<String> shortestPath(String start, String goal, Set<String> within) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        cameFrom.put(start, start);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            if (at.equals(goal)) {
                break;
            }
            for (String next : edges.get(at).keySet()) {
                if (within.contains(next) && cameFrom.putIfAbsent(next, at) == null) {
                    queue.add(next);
                }
            }
        }
        List<String> path = new ArrayList<>();
        for (String at = goal; !at.equals(start); at = cameFrom.get(at)) {
            path.add(0, at);
        }
        path.add(0, start);
        return path;
    }

    /** The rotation of a closed cycle that starts at its smallest package, closed again. */
    private static List<String> canonical(List<String> closed) {
        List<String> ring = closed.subList(0, closed.size() - 1);
        int start = ring.indexOf(ring.stream().min(String::compareTo).orElseThrow());
        List<String> rotated = new ArrayList<>(ring.subList(start, ring.size()));
        rotated.addAll(ring.subList(0, start));
        rotated.add(rotated.get(0));
        return List.copyOf(rotated);
    }

    private static String packageOf(String path) {
        String normalized = path.replace('\\', '/');
        int slash = normalized.lastIndexOf('/');
        return slash < 0 ? "" : normalized.substring(0, slash).replace('/', '.');
    }

    private static String longestPackagePrefix(String reference, Set<String> packages) {
        for (String candidate = reference; ; candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            if (packages.contains(candidate)) {
                return candidate;
            }
            if (candidate.indexOf('.') < 0) {
                return null;
            }
        }
    }

    /** Comments and literals become spaces, newlines kept, so line numbers still match the file. */
    private static String blankCommentsAndStrings(String source) {
        Matcher matcher = COMMENTS_AND_STRINGS.matcher(source);
        StringBuilder code = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(code, matcher.group().replaceAll("[^\\n]", " "));
        }
        matcher.appendTail(code);
        return code.toString();
    }

    private final class Tarjan {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new LinkedHashSet<>();
        private final List<Set<String>> components = new ArrayList<>();

        void visitIfNew(String pkg) {
            if (!index.containsKey(pkg)) {
                visit(pkg);
            }
        }

        private void visit(String pkg) {
            index.put(pkg, index.size());
            low.put(pkg, index.get(pkg));
            stack.push(pkg);
            onStack.add(pkg);
            for (String next : edges.get(pkg).keySet()) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(pkg, Math.min(low.get(pkg), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(pkg, Math.min(low.get(pkg), index.get(next)));
                }
            }
            if (low.get(pkg).equals(index.get(pkg))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(pkg));
                if (component.size() > 1) {
                    components.add(component);
                }
            }
        }
    }
}
