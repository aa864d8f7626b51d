package io.optiinfra.e2e.support.run;

import io.optiinfra.e2e.support.Groups;
import org.testng.annotations.Test;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlPackage;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a run selected, and what it needs besides: the smoke gate every suite test depends on, and, for a run that
 * names classes instead of a suite file ({@code -Dtest=...}, an IDE's run button), the parallelism the suite files give
 * those classes. Works on TestNG's parsed suites, before anything runs.
 */
final class Selection {
    static final String SMOKE_GATE = "io.optiinfra.e2e.smoke.EnvironmentSmokeIT";
    private static final String SUITE_PACKAGE = "io.optiinfra.e2e";
    /** Groups whose suite-file blocks run one test at a time: they restart processes, flood or measure. */
    private static final Set<String> SERIAL_GROUPS = Set.of(Groups.PERFORMANCE, Groups.RESILIENCE, Groups.CHAOS,
            Groups.FLOOD);
    /** The suite files' main block (e2e.xml, all.xml): 8 test threads, 6 data-provider threads. */
    static final int THREADS = 8;
    static final int DATA_PROVIDER_THREADS = 6;
    /** The portal's block: browsers are heavy. */
    static final int PORTAL_THREADS = 3;

    private Selection() {}

    /** True when some suite test is selected (a class {@code io.optiinfra.e2e..*IT} or a package of them). */
    static boolean selectsSuiteTests(List<XmlSuite> suites) {
        return tests(suites).anyMatch(Selection::selectsSuiteTests);
    }

    static boolean isSuiteClass(String className) {
        return className.startsWith(SUITE_PACKAGE + ".") && className.endsWith("IT");
    }

    /**
     * Every block that selects suite tests also runs the smoke gate: its class is added when no class or package of
     * the block holds it, and its group when the block filters by groups without it. Returns the blocks changed.
     */
    static List<String> addSmokeGate(List<XmlSuite> suites) {
        List<String> changed = new ArrayList<>();
        tests(suites).filter(Selection::selectsSuiteTests).forEach(test -> {
            boolean added = false;
            List<String> groups = test.getIncludedGroups();
            if (!groups.isEmpty() && !groups.contains(Groups.SMOKE)) {
                test.addIncludedGroup(Groups.SMOKE);
                added = true;
            }
            if (!holdsSmokeGate(test)) {
                List<XmlClass> classes = new ArrayList<>(test.getXmlClasses());
                classes.add(0, new XmlClass(SMOKE_GATE, false));
                test.setXmlClasses(classes);
                added = true;
            }
            if (GateKeepingSelector.replaceSurefireSelectors(test) > 0) {
                added = true;
            }
            if (added) {
                changed.add(test.getName());
            }
        });
        return changed;
    }

    /**
     * A suite built from class names (no suite file, no {@code -Dparallel}) runs as the suite files would run those
     * classes: methods in parallel on {@value #THREADS} threads, {@value #PORTAL_THREADS} for portal classes, one at a
     * time when a class of a serial group (performance, resilience, chaos, flood) is among them.
     */
    static void applySuiteFileParallelism(List<XmlSuite> suites, ClassLoader loader) {
        if (!System.getProperty("parallel", "").isBlank()) {
            return;
        }
        for (XmlSuite suite : suites) {
            if (suite.getFileName() != null) {
                continue;
            }
            List<String> groups = suite.getTests().stream().flatMap(t -> t.getXmlClasses().stream())
                    .map(XmlClass::getName).filter(Selection::isSuiteClass)
                    .flatMap(name -> classGroups(name, loader).stream()).distinct().toList();
            if (groups.isEmpty()) {
                continue;
            }
            if (groups.stream().anyMatch(SERIAL_GROUPS::contains)) {
                suite.setParallel(XmlSuite.ParallelMode.NONE);
                suite.setPreserveOrder(true);
            } else {
                suite.setParallel(XmlSuite.ParallelMode.METHODS);
                suite.setThreadCount(groups.contains(Groups.PORTAL) ? PORTAL_THREADS : THREADS);
                suite.setDataProviderThreadCount(groups.contains(Groups.PORTAL) ? PORTAL_THREADS : DATA_PROVIDER_THREADS);
            }
            suite.getTests().forEach(test -> {
                test.setParallel(suite.getParallel());
                test.setThreadCount(suite.getThreadCount());
            });
        }
    }

    private static boolean holdsSmokeGate(XmlTest test) {
        return test.getXmlClasses().stream().anyMatch(c -> c.getName().equals(SMOKE_GATE))
                || test.getXmlPackages().stream().map(XmlPackage::getName).anyMatch(p -> p.equals(SUITE_PACKAGE + ".*")
                        || p.equals(SUITE_PACKAGE + ".smoke") || p.equals(SUITE_PACKAGE + ".smoke.*"));
    }

    private static boolean selectsSuiteTests(XmlTest test) {
        return test.getXmlClasses().stream().map(XmlClass::getName).anyMatch(Selection::isSuiteClass)
                || test.getXmlPackages().stream().map(XmlPackage::getName).anyMatch(p -> p.startsWith(SUITE_PACKAGE));
    }

    /** The groups of a suite class's class-level {@code @Test}. */
    private static List<String> classGroups(String className, ClassLoader loader) {
        try {
            Test test = Class.forName(className, false, loader).getAnnotation(Test.class);
            return test == null ? List.of() : Arrays.asList(test.groups());
        } catch (ClassNotFoundException e) {
            return List.of(); // TestNG itself reports a class it cannot load
        }
    }

    private static Stream<XmlTest> tests(List<XmlSuite> suites) {
        return suites.stream().flatMap(Selection::withChildren).flatMap(s -> s.getTests().stream());
    }

    private static Stream<XmlSuite> withChildren(XmlSuite suite) {
        return Stream.concat(Stream.of(suite), suite.getChildSuites().stream().flatMap(Selection::withChildren));
    }
}
