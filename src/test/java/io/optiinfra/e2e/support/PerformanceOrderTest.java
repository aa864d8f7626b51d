package io.optiinfra.e2e.support;

import org.testng.annotations.Test;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;
import org.testng.xml.internal.Parser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

/**
 * The suites that list the performance classes one by one (so latency is measured on the idle platform before the
 * loads) list every one of them: a new performance test must not silently drop out of {@code make test}.
 */
public class PerformanceOrderTest {
    private static final Path PROJECT = Path.of(System.getProperty("optiinfra.projectDir", "."));

    @Test
    public void allXmlListsEveryPerformanceClass() throws Exception {
        XmlTest performance = parse(PROJECT.resolve("suites/all.xml")).getTests().stream()
                .filter(t -> t.getName().equals("OptiInfra performance")).findFirst()
                .orElseThrow(() -> new AssertionError("all.xml has no <test name=\"OptiInfra performance\">"));
        List<String> listed = performance.getXmlClasses().stream().map(XmlClass::getName)
                .filter(name -> name.contains(".performance.")).toList();
        assertThat("performance classes listed in all.xml", listed,
                containsInAnyOrder(performanceClasses().toArray(String[]::new)));
    }

    private static List<String> performanceClasses() throws IOException {
        Path dir = PROJECT.resolve("src/test/java/io/optiinfra/e2e/performance");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("IT.java"))
                    .map(n -> "io.optiinfra.e2e.performance." + n.substring(0, n.length() - ".java".length())).toList();
        }
    }

    private static XmlSuite parse(Path file) throws Exception {
        return new Parser(file.toString()).parse().iterator().next();
    }
}
