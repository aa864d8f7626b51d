package io.optiinfra.architecture;

import org.testng.annotations.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The platform's internals are acyclic: no two packages of the orchestrator or the cloud simulator depend on each
 * other, directly or round a loop (package = directory). A cycle fails the test with each edge's file and reference,
 * so the message says which import to move. The allow-list holds cycles knowingly left, each with its reason; an
 * entry whose cycle is gone fails too, so the list only shrinks.
 */
public class PackageCyclesTest {
    private static final Path SOURCE_ROOT = Path.of(System.getProperty("optiinfra.projectDir", "."),
            "src", "main", "java");
    private static final List<Path> CHECKED = List.of(Path.of("io", "optiinfra", "orchestrator"),
            Path.of("io", "optiinfra", "cloudsim"));
    /** cycle as the test names it → why it is still there. */
    private static final Map<String, String> ALLOWED = Map.of();

    @Test
    public void orchestratorAndCloudSimulatorPackagesHaveNoCycles() {
        Map<String, String> sources = sources();
        assertThat("sources found under " + SOURCE_ROOT.toAbsolutePath(), sources.size(), greaterThan(80));
        PackageGraph graph = PackageGraph.of(sources);
        assertThat("the orchestrator's root package is a node", graph.edges(), hasKey("io.optiinfra.orchestrator"));

        List<String> unexpected = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (List<String> cycle : graph.cycles()) {
            found.add(PackageGraph.name(cycle));
            if (!ALLOWED.containsKey(PackageGraph.name(cycle))) {
                unexpected.add("\n  " + graph.describe(cycle));
            }
        }
        List<String> stale = ALLOWED.keySet().stream().filter(allowed -> !found.contains(allowed)).sorted().toList();

        // the cycles go in the reason, not the value: Hamcrest would print a string value's newlines as \n
        assertThat("package cycles (move the type to the package that owns it, or invert the edge):"
                + String.join("", unexpected) + "\n  count", unexpected.size(), is(0));
        assertThat("allow-listed cycles that no longer exist (delete the entry)", stale, empty());
    }

    @Test
    public void detectorFindsACycleMadeByImportsStaticImportsWildcardsAndQualifiedNames() {
        PackageGraph graph = PackageGraph.of(Map.of(
                "io/optiinfra/x/a/A.java", """
                        package io.optiinfra.x.a;
                        import io.optiinfra.x.b.B;
                        class A { B b; }
                        """,
                "io/optiinfra/x/b/B.java", """
                        package io.optiinfra.x.b;
                        class B { Object c = new io . optiinfra . x.c.C(); }
                        """,
                "io/optiinfra/x/c/C.java", """
                        package io.optiinfra.x.c;
                        import static io.optiinfra.x.a.A.helper;
                        class C {}
                        """,
                "io/optiinfra/x/d/D.java", """
                        package io.optiinfra.x.d;
                        import io.optiinfra.x.b.*;
                        class D {}
                        """,
                "io/optiinfra/x/b/Back.java", """
                        package io.optiinfra.x.b;
                        class Back { Object d = io.optiinfra.x.d.D.class; }
                        """));

        List<String> cycles = graph.cycles().stream().map(PackageGraph::name).toList();
        assertThat(cycles, contains("x.a -> x.b -> x.c -> x.a", "x.b -> x.d -> x.b"));
        String described = graph.describe(graph.cycles().get(0));
        assertThat(described, containsString("x.b -> x.c: io/optiinfra/x/b/B.java:2 names io.optiinfra.x.c.C"));
        assertThat(described, containsString("x.c -> x.a: io/optiinfra/x/c/C.java:2 names io.optiinfra.x.a.A.helper"));
        assertThat(graph.stronglyConnected().size(), is(1));
    }

    @Test
    public void detectorFindsNoCycleInALayeredSetWhoseBackReferencesAreOnlyInCommentsAndStrings() {
        PackageGraph graph = PackageGraph.of(Map.of(
                "io/optiinfra/x/top/Top.java", """
                        package io.optiinfra.x.top;
                        import io.optiinfra.x.low.Low;
                        import io.optiinfra.common.Json;
                        class Top { Low low; }
                        """,
                "io/optiinfra/x/low/Low.java", """
                        package io.optiinfra.x.low;
                        // io.optiinfra.x.top.Top would make a cycle, but this is a comment
                        /* import io.optiinfra.x.top.Top; */
                        class Low { String name = "io.optiinfra.x.top.Top"; char c = 'x'; }
                        """));

        assertThat(graph.edges().get("io.optiinfra.x.top"), hasKey("io.optiinfra.x.low"));
        assertThat("a package outside the set is no node", graph.edges(), not(hasKey("io.optiinfra.common")));
        assertThat(graph.edges().get("io.optiinfra.x.low").keySet(), empty());
        assertThat(graph.cycles(), empty());
    }

    private static Map<String, String> sources() {
        Map<String, String> sources = new TreeMap<>();
        for (Path checked : CHECKED) {
            try (Stream<Path> walk = Files.walk(SOURCE_ROOT.resolve(checked))) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(p ->
                        sources.put(SOURCE_ROOT.relativize(p).toString().replace('\\', '/'), read(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private static String read(Path source) {
        try {
            return Files.readString(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
