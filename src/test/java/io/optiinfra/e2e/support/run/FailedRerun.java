package io.optiinfra.e2e.support.run;

import org.testng.ISuite;
import org.testng.ITestContext;
import org.testng.ITestResult;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlInclude;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code make rerun-failed}: after every suite run, {@value #FILE} holds the run's failed and skipped tests (data rows
 * by invocation number) as a suite file, each {@code <test>} block with its own parallelism; the smoke gate is added
 * when it runs. A run with nothing failed or skipped deletes it, so the file is always the last run's.
 */
final class FailedRerun {
    static final String FILE = "target/e2e-failed.xml";
    private final List<ITestContext> contexts = new ArrayList<>(); // guarded by this
    private final java.util.function.Predicate<String> listedClass;

    /** {@code listedClass}: which test classes the file may list (the suite's; a unit test's fixtures). */
    FailedRerun(java.util.function.Predicate<String> listedClass) {
        this.listedClass = listedClass;
    }

    /** The file of this project (under {@code optiinfra.projectDir}). */
    static Path file() {
        return Path.of(System.getProperty("optiinfra.projectDir", "."), FILE);
    }

    synchronized void suiteFinished(ISuite suite) {
        suite.getResults().values().forEach(r -> contexts.add(r.getTestContext()));
    }

    /** Writes (or deletes) the file; returns the number of tests it lists. */
    synchronized int write(Path file) {
        XmlSuite suite = new XmlSuite();
        suite.setName("OptiInfra rerun of failed tests");
        suite.setDataProviderThreadCount(Selection.DATA_PROVIDER_THREADS);
        int listed = 0;
        for (ITestContext context : contexts) {
            Map<String, Map<String, TreeSet<Integer>>> byClass = new LinkedHashMap<>();
            Stream.of(context.getFailedTests(), context.getFailedButWithinSuccessPercentageTests(), context.getSkippedTests())
                    .flatMap(results -> results.getAllResults().stream())
                    .filter(result -> listedClass.test(result.getTestClass().getName()))
                    .forEach(result -> rows(byClass, result).add(result.getParameters().length == 0 ? -1
                            : result.getParameterIndex()));
            if (byClass.isEmpty()) {
                continue;
            }
            XmlTest original = context.getCurrentXmlTest();
            XmlTest test = new XmlTest(suite);
            test.setName(original.getName());
            test.setParallel(original.getParallel());
            test.setThreadCount(original.getThreadCount());
            test.setPreserveOrder(original.getPreserveOrder());
            List<XmlClass> classes = new ArrayList<>();
            for (var entry : byClass.entrySet()) {
                XmlClass xmlClass = new XmlClass(entry.getKey(), false);
                List<XmlInclude> includes = new ArrayList<>();
                entry.getValue().forEach((method, rows) -> includes.add(rows.contains(-1) ? new XmlInclude(method)
                        : new XmlInclude(method, List.copyOf(rows), includes.size())));
                xmlClass.setIncludedMethods(includes);
                classes.add(xmlClass);
                listed += entry.getValue().values().stream().mapToInt(TreeSet::size).sum();
            }
            test.setXmlClasses(classes);
        }
        try {
            if (listed == 0) {
                Files.deleteIfExists(file);
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, suite.toXml());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return listed;
    }

    private static TreeSet<Integer> rows(Map<String, Map<String, TreeSet<Integer>>> byClass, ITestResult result) {
        return byClass.computeIfAbsent(result.getTestClass().getName(), c -> new LinkedHashMap<>())
                .computeIfAbsent(result.getMethod().getMethodName(), m -> new TreeSet<>());
    }
}
