package io.optiinfra.e2e.support.run;

import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlInclude;
import org.testng.xml.XmlMethodSelector;
import org.testng.xml.XmlPackage;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;
import org.testng.xml.internal.Parser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/** The suite's front door on TestNG's own objects: what a selection gets added, filtered and written for a rerun. */
public class FrontDoorTest {

    @Test
    public void aRunOfSuiteClassesIsActiveAndOneOfUnitTestsIsNot() {
        assertThat(Selection.selectsSuiteTests(List.of(suiteOf("io.optiinfra.e2e.integration.AuthIT"))), is(true));
        assertThat(Selection.selectsSuiteTests(List.of(suiteOf("io.optiinfra.e2e.support.run.FrontDoorTest",
                "io.optiinfra.cloudsim.CatalogTest"))), is(false));
        XmlSuite packages = new XmlSuite();
        new XmlTest(packages).setXmlPackages(List.of(new XmlPackage("io.optiinfra.e2e.*")));
        assertThat(Selection.selectsSuiteTests(List.of(packages)), is(true));
    }

    @Test
    public void aClassRunGetsTheSmokeGateFirstAndAGroupFilterGetsTheSmokeGroup() {
        XmlSuite classes = suiteOf("io.optiinfra.e2e.scenarios.RollbackScenarioIT");
        XmlTest grouped = new XmlTest(classes);
        grouped.setName("grouped");
        grouped.setXmlPackages(List.of(new XmlPackage("io.optiinfra.e2e.*")));
        grouped.setIncludedGroups(List.of("security"));

        List<String> changed = Selection.addSmokeGate(List.of(classes));

        assertThat(changed, contains("classes", "grouped"));
        assertThat(names(classes.getTests().get(0)), contains(Selection.SMOKE_GATE,
                "io.optiinfra.e2e.scenarios.RollbackScenarioIT"));
        assertThat("a package of every suite class already holds the gate", names(grouped), empty());
        assertThat(grouped.getIncludedGroups(), containsInAnyOrder("security", "smoke"));
        assertThat("the gate is added once", Selection.addSmokeGate(List.of(classes)), empty());
        assertThat(names(classes.getTests().get(0)).stream().filter(Selection.SMOKE_GATE::equals).count(), is(1L));
    }

    @Test
    public void surefiresMethodFilterAndGroupMatcherAreReplacedByGateKeepers() {
        XmlTest test = suiteOf("io.optiinfra.e2e.integration.AuthIT").getTests().get(0);
        for (String surefire : List.of("org.apache.maven.surefire.testng.utils.MethodSelector",
                "org.apache.maven.surefire.testng.utils.GroupMatcherMethodSelector", "com.example.OwnSelector")) {
            XmlMethodSelector selector = new XmlMethodSelector();
            selector.setClassName(surefire);
            test.getMethodSelectors().add(selector);
        }

        assertThat(GateKeepingSelector.replaceSurefireSelectors(test), is(2));
        assertThat(test.getMethodSelectors().stream().map(XmlMethodSelector::getClassName).toList(), contains(
                GateKeepingSelector.TestFilter.class.getName(), GateKeepingSelector.GroupMatcher.class.getName(),
                "com.example.OwnSelector"));
    }

    @Test
    public void aClassRunGetsTheParallelismTheSuiteFilesGiveItsGroups() {
        ClassLoader loader = getClass().getClassLoader();
        Map<String, String> expected = Map.of(
                "io.optiinfra.e2e.integration.AuthIT", "methods/" + Selection.THREADS,
                "io.optiinfra.e2e.portal.PortalSessionIT", "methods/" + Selection.PORTAL_THREADS,
                "io.optiinfra.e2e.resilience.OrchestratorRestartIT", "none");
        expected.forEach((className, parallelism) -> {
            XmlSuite suite = suiteOf(className);
            Selection.applySuiteFileParallelism(List.of(suite), loader);
            String actual = suite.getParallel() == XmlSuite.ParallelMode.NONE ? "none"
                    : suite.getParallel() + "/" + suite.getThreadCount();
            assertThat(className, actual, equalTo(parallelism));
        });
        XmlSuite fromFile = suiteOf("io.optiinfra.e2e.integration.AuthIT");
        fromFile.setFileName("suites/custom.xml");
        Selection.applySuiteFileParallelism(List.of(fromFile), loader);
        assertThat("a suite file's own settings stay", fromFile.getParallel(), is(XmlSuite.DEFAULT_PARALLEL));
    }

    @Test
    public void focusSkipAndRowPickMethodsAndRowsByName() {
        NameFilter focus = NameFilter.of("RollbackScenarioIT\\.fault.*latency", "", "");
        assertThat("a data-driven method stays while a row may match", focus.keepsMethod(
                "RollbackScenarioIT.faultMidRolloutRollsBack", true), is(true));
        assertThat(focus.keepsRow("RollbackScenarioIT.faultMidRolloutRollsBack", "latency spike at 50 %"), is(true));
        assertThat(focus.keepsRow("RollbackScenarioIT.faultMidRolloutRollsBack", "quality degradation"), is(false));
        assertThat(focus.keepsMethod("AuthIT.wrongPasswordIs401", false), is(false));

        NameFilter skip = NameFilter.of("", "Matrix", "");
        assertThat(skip.keepsMethod("BadInputMatrixIT.everyRoute", true), is(false));
        assertThat(skip.keepsMethod("AuthIT.wrongPasswordIs401", false), is(true));
        assertThat("skip reaches a row's label", NameFilter.of("", "spot", "").keepsRow("RollbackScenarioIT.fault",
                "spot interruption"), is(false));

        NameFilter row = NameFilter.of("", "", "^short password");
        assertThat("-Drow keeps only data-driven methods", row.keepsMethod("AuthIT.wrongPasswordIs401", false), is(false));
        assertThat(row.keepsRow("AuthIT.invalidSignup", "short password, {}"), is(true));
        assertThat(row.keepsRow("AuthIT.invalidSignup", "not an email, {}"), is(false));
        assertThat(NameFilter.of("", "", "").isEmpty(), is(true));
    }

    /*
     * The fixture's run happens in a child JVM: a TestNG run inside this one would report its deliberate failures to
     * Surefire as this build's own.
     */
    @Test
    public void theRerunFileListsFailedAndSkippedTestsWithTheirRowsAndReRunsExactlyThose() throws Exception {
        Path dir = Files.createTempDirectory("rerun");
        Path file = dir.resolve("e2e-failed.xml");
        Path firstRun = dir.resolve("first.xml");
        Files.writeString(firstRun, suiteOf(RerunFixture.class.getName()).toXml());

        List<String> first = runInChildJvm(firstRun, file);
        XmlSuite written = new Parser(file.toString()).parseToList().get(0);
        List<XmlInclude> includes = written.getTests().get(0).getXmlClasses().get(0).getIncludedMethods();
        List<String> second = runInChildJvm(file, dir.resolve("second-failed.xml"));
        Path green = dir.resolve("green.xml");
        Files.writeString(green, suiteOf(RerunFixture.class.getName() + "#passes").toXml());
        Files.copy(file, dir.resolve("stale.xml"));
        runInChildJvm(green, dir.resolve("stale.xml"));

        assertThat(first, containsInAnyOrder("FAIL failsAlways", "FAIL failsOnRowB[b]", "PASS failsOnRowB[a]",
                "PASS failsOnRowB[c]", "PASS passes"));
        assertThat(includes.stream().map(i -> i.getName() + i.getInvocationNumbers()).toList(),
                containsInAnyOrder("failsAlways[]", "failsOnRowB[1]"));
        assertThat("the rerun ran exactly the failed test and row", second, containsInAnyOrder(
                "FAIL failsAlways", "FAIL failsOnRowB[b]"));
        assertThat("a green run deletes the file", Files.exists(dir.resolve("stale.xml")), is(false));
    }

    /** TestNG on {@code suiteFile} in a new JVM with {@link FixtureRun}; returns its "STATUS name[row]" lines. */
    private static List<String> runInChildJvm(Path suiteFile, Path rerunFile) throws Exception {
        Path out = Files.createTempFile("fixture-run", ".txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Drerun.file=" + rerunFile, "-Dresults.file=" + out,
                "org.testng.TestNG", "-listener", FixtureRun.class.getName(), "-d",
                out.resolveSibling(out.getFileName() + "-output").toString(), suiteFile.toString())
                .redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile()).start();
        assertThat("the fixture's TestNG run ended in time", process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS),
                is(true));
        return Files.readAllLines(out).stream().filter(line -> !line.isBlank()).toList();
    }

    /** The child JVM's listener: feeds {@link FailedRerun} and records each result as a line. */
    public static final class FixtureRun implements ISuiteListener, org.testng.IExecutionListener,
            org.testng.ITestListener {
        private final FailedRerun rerun = new FailedRerun(name -> name.equals(RerunFixture.class.getName()));
        private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onFinish(ISuite suite) {
            rerun.suiteFinished(suite);
        }

        @Override
        public void onTestSuccess(org.testng.ITestResult result) {
            lines.add("PASS " + name(result));
        }

        @Override
        public void onTestFailure(org.testng.ITestResult result) {
            lines.add("FAIL " + name(result));
        }

        @Override
        public void onExecutionFinish() {
            rerun.write(Path.of(System.getProperty("rerun.file")));
            try {
                Files.write(Path.of(System.getProperty("results.file")), lines);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static String name(org.testng.ITestResult result) {
            Object[] p = result.getParameters();
            return result.getMethod().getMethodName() + (p.length == 0 ? "" : "[" + p[0] + "]");
        }
    }

    private static XmlSuite suiteOf(String... classNames) {
        XmlSuite suite = new XmlSuite();
        XmlTest test = new XmlTest(suite);
        test.setName("classes");
        test.setXmlClasses(java.util.Arrays.stream(classNames).map(name -> {
            String[] parts = name.split("#"); // Class#method: that method only
            XmlClass xmlClass = new XmlClass(parts[0], false);
            if (parts.length == 2) {
                xmlClass.setIncludedMethods(List.of(new XmlInclude(parts[1])));
            }
            return xmlClass;
        }).collect(Collectors.toList()));
        return suite;
    }

    private static List<String> names(XmlTest test) {
        return test.getXmlClasses().stream().map(XmlClass::getName).toList();
    }
}
