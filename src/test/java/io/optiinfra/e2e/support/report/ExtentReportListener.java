package io.optiinfra.e2e.support.report;

import com.aventstack.extentreports.ExtentReports;
import com.aventstack.extentreports.ExtentTest;
import com.aventstack.extentreports.Status;
import com.aventstack.extentreports.markuputils.ExtentColor;
import com.aventstack.extentreports.markuputils.MarkupHelper;
import com.aventstack.extentreports.reporter.ExtentSparkReporter;
import com.aventstack.extentreports.reporter.JsonFormatter;
import io.optiinfra.e2e.support.Groups;
import io.optiinfra.e2e.support.shard.Shard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.testng.IConfigurationListener;
import org.testng.IExecutionListener;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestListener;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;

/**
 * Writes one ExtentReports HTML report per TestNG run to {@code target/extent-report/index.html}.
 *
 * <p>Register it once per suite file under {@code <listeners>}. All state is static so that several suites in one run
 * (and any duplicate listener instances) share one report that is flushed once, when the execution finishes.
 */
public class ExtentReportListener implements IExecutionListener, ISuiteListener, ITestListener, IConfigurationListener {

    /** Guards every ExtentReports/ExtentTest mutation: the library is not safe for concurrent use. */
    static final Object LOCK = new Object();
    private static final int MAX_PARAM_CHARS = 60;

    private static ExtentReports extent; // guarded by LOCK
    private static boolean flushed; // guarded by LOCK
    private static final List<String> SUITES = new ArrayList<>(); // guarded by LOCK
    /** Work that must end before the report is written (teardown, then the coverage of what ran). */
    private static final List<Runnable> BEFORE_FLUSH = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Map<ITestResult, TestReport.Context> RUNNING =
            Collections.synchronizedMap(new IdentityHashMap<>());
    // Results already reported; only consulted when the listener is registered more than once.
    /** Per TestNG group, the earliest start and latest end of its tests: the group's wall time on the dashboard. */
    private static final Map<String, long[]> GROUP_SPANS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Set<ITestResult> FINISHED = Collections.newSetFromMap(
            Collections.synchronizedMap(new IdentityHashMap<>()));
    /** The dashboard's rows by key (a later value replaces an earlier one), written into the report at flush. */
    private static final Map<String, Dashboard.Row> DASHBOARD = new java.util.LinkedHashMap<>(); // guarded by LOCK

    /** Where the report goes: under {@code optiinfra.projectDir} when set (Surefire sets it), else the working dir. */
    public static Path reportFile() {
        String projectDir = System.getProperty("optiinfra.projectDir", "");
        Path base = projectDir.isBlank() ? Path.of("") : Path.of(projectDir);
        return base.resolve("target").resolve("extent-report").resolve("index.html").toAbsolutePath();
    }

    @Override
    public void onExecutionStart() {
        synchronized (LOCK) {
            extent();
        }
    }

    @Override
    public void onExecutionFinish() {
        flush();
    }

    @Override
    public void onStart(ISuite suite) {
        synchronized (LOCK) {
            SUITES.add(suite.getName());
            extent();
            dashboard(Dashboard.Kind.INFO, "Suites", String.join(", ", SUITES)); // replaced, not repeated, per suite
        }
    }

    @Override
    public void onTestStart(ITestResult result) {
        if (!RUNNING.containsKey(result)) { // a duplicate listener instance sees the same result
            RUNNING.put(result, TestReport.open(createTest(result, null)));
        }
    }

    @Override
    public void onTestSuccess(ITestResult result) {
        finish(result, Status.PASS);
    }

    @Override
    public void onTestFailure(ITestResult result) {
        finish(result, Status.FAIL);
    }

    @Override
    public void onTestFailedButWithinSuccessPercentage(ITestResult result) {
        finish(result, Status.FAIL);
    }

    @Override
    public void onTestSkipped(ITestResult result) {
        finish(result, Status.SKIP);
    }

    /** A failed @Before/@After method (e.g. the environment did not boot) gets its own entry with the evidence. */
    @Override
    public void onConfigurationFailure(ITestResult result) {
        TestReport.Context ctx = new TestReport.Context(createTest(result, "configuration"));
        ctx.write(t -> {
            endTime(t, result);
            logThrowable(t, Status.FAIL, result.getThrowable());
        });
        TestReport.writeFailureEvidence(ctx);
    }

    private static void recordSpan(ITestResult result) {
        if (result.getStartMillis() <= 0 || result.getEndMillis() <= 0) {
            return;
        }
        for (String group : result.getMethod().getGroups()) {
            GROUP_SPANS.merge(group, new long[] {result.getStartMillis(), result.getEndMillis()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
    }

    private void finish(ITestResult result, Status status) {
        recordSpan(result);
        TestReport.Context ctx = RUNNING.remove(result);
        if (ctx == null) {
            if (FINISHED.contains(result)) {
                return; // already reported through another listener instance
            }
            // Skipped without ever starting (failed configuration, dependency): still list it.
            ctx = new TestReport.Context(createTest(result, null));
        }
        ctx.write(t -> {
            endTime(t, result);
            if (status == Status.PASS) {
                t.pass("Passed in " + (result.getEndMillis() - result.getStartMillis()) + " ms");
            } else if (result.getThrowable() != null) {
                logThrowable(t, status, result.getThrowable());
            } else {
                t.log(status, status == Status.SKIP ? "Skipped" : "Failed");
            }
        });
        if (status == Status.FAIL) {
            TestReport.writeFailureEvidence(ctx);
        }
        FINISHED.add(result);
        TestReport.close(ctx);
    }

    private static ExtentTest createTest(ITestResult result, String extraCategory) {
        ITestNGMethod method = result.getMethod();
        List<String> categories = new ArrayList<>();
        categories.add(method.getRealClass().getSimpleName());
        categories.addAll(Arrays.asList(method.getGroups()));
        if (extraCategory != null) {
            categories.add(extraCategory);
        }
        shard().ifPresent(shard -> categories.add(shardTag(shard)));
        String name = shardedName(testName(result), Arrays.asList(method.getGroups()), shard());
        synchronized (LOCK) {
            String description = method.getDescription() == null || method.getDescription().isBlank()
                    ? ReportAreas.describe(method.getRealClass()) : method.getDescription();
            ExtentTest test = description == null || description.isBlank()
                    ? extent().createTest(TestReport.escape(name))
                    : extent().createTest(TestReport.escape(name), TestReport.escape(description));
            test.assignCategory(categories.stream().map(TestReport::escape).toArray(String[]::new));
            if (result.getStartMillis() > 0) {
                test.getModel().setStartTime(new Date(result.getStartMillis()));
            }
            return test;
        }
    }

    /** Method name plus the DataProvider parameters, so parallel rows are told apart. */
    static String testName(ITestResult result) {
        String name = result.getMethod().getMethodName();
        Object[] params = result.getParameters();
        if (params == null || params.length == 0) {
            return name;
        }
        return name + Arrays.stream(params)
                .map(p -> abbreviate(String.valueOf(p)))
                .collect(Collectors.joining(", ", " [", "]"));
    }

    /** This run's {@code -Dshard} ("2/3"), empty when it runs the whole suite. */
    static java.util.Optional<String> shard() {
        String spec = System.getProperty("shard", "");
        return spec.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Shard.parse(spec).toString());
    }

    /** The tag of every test of shard {@code shard} ("shard-2/3": Extent drops the spaces of a tag's name). */
    static String shardTag(String shard) {
        return "shard-" + shard;
    }

    /**
     * The smoke tests run in every shard, as the gate of that shard's own environment: in a merged report each appears
     * once per shard, so its name says which shard it gated. Every other test runs in exactly one shard.
     */
    static String shardedName(String name, List<String> groups, java.util.Optional<String> shard) {
        return shard.isPresent() && groups.contains(Groups.SMOKE) ? name + " (shard " + shard.get() + ")" : name;
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_PARAM_CHARS ? s : s.substring(0, MAX_PARAM_CHARS - 3) + "...";
    }

    private static void endTime(ExtentTest test, ITestResult result) {
        if (result.getEndMillis() > 0) {
            test.getModel().setEndTime(new Date(result.getEndMillis()));
        }
    }

    /*
     * Spark prints stack traces unescaped inside a <textarea>; a message carrying markup (XSS tests assert on such
     * bodies) would break the page, so those are logged as an escaped code block instead.
     */
    private static void logThrowable(ExtentTest test, Status status, Throwable throwable) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        if (text.indexOf('<') >= 0 || text.indexOf('&') >= 0) {
            test.log(status, MarkupHelper.createCodeBlock(TestReport.escape(text)));
        } else {
            test.log(status, throwable);
        }
    }

    private static ExtentReports extent() {
        // caller holds LOCK
        if (extent == null) {
            Path file = reportFile();
            try {
                Files.createDirectories(file.getParent());
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("cannot create " + file.getParent(), e);
            }
            ExtentSparkReporter spark = new ExtentSparkReporter(file.toFile());
            spark.config().setDocumentTitle("OptiInfra E2E");
            spark.config().setReportName("OptiInfra E2E");
            spark.config().setTimelineEnabled(true);
            // Copy CSS/JS next to the report: CI machines and reviewers may not reach the CDN.
            spark.config().setOfflineMode(true);
            extent = new ExtentReports();
            extent.attachReporter(spark);
            // the same report as JSON, so that the reports of several shards can be merged into one (MergeReports)
            extent.attachReporter(new JsonFormatter(file.getParent().resolve(MergeReports.JSON_ARCHIVE).toFile()));
            extent.setReportUsesManualConfiguration(true); // keep TestNG's start/end times, not log times
            dashboard(Dashboard.Kind.INFO, "Java", System.getProperty("java.version"));
            dashboard(Dashboard.Kind.INFO, "OS", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            // Safety net for runners that never call onExecutionFinish; a no-op once flushed.
            Runtime.getRuntime().addShutdownHook(new Thread(ExtentReportListener::flush, "extent-report-flush"));
        }
        return extent;
    }

    /** A boot that failed gets its own entry with the cause and the services' log tails. */
    public static void bootFailed(String mode, Throwable cause, Map<String, String> logTails) {
        synchronized (LOCK) {
            ExtentTest test = extent().createTest("Environment boot (" + TestReport.escape(mode) + ") failed"
                    + shard().map(shard -> " (shard " + shard + ")").orElse(""),
                    "No test could run: the environment did not start");
            test.assignCategory("environment");
            logThrowable(test, Status.FAIL, cause);
            logTails.forEach((name, tail) -> {
                test.info(MarkupHelper.createLabel("log tail: " + TestReport.escape(name), ExtentColor.GREY));
                test.info(MarkupHelper.createCodeBlock(TestReport.escape(tail)));
            });
        }
    }

    /** Runs {@code task} once, just before the report is written (e.g. the environment's teardown and coverage). */
    public static void beforeFlush(Runnable task) {
        BEFORE_FLUSH.add(task);
    }

    /**
     * A row of the report's dashboard (its System/Environment table): boot time, coverage, performance figures.
     * {@code value} is plain text; a later row with the same key replaces the earlier one.
     */
    public static void dashboard(Dashboard.Kind kind, String key, String value) {
        synchronized (LOCK) {
            DASHBOARD.put(key, new Dashboard.Row(kind, key, value));
        }
    }

    /** Where the dashboard's rows go besides the report: {@value Dashboard#FILE} next to extent.json. */
    public static Path dashboardFile() {
        return reportFile().resolveSibling(Dashboard.FILE);
    }

    private static void flush() {
        for (Runnable task : BEFORE_FLUSH) {
            if (BEFORE_FLUSH.remove(task)) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    System.err.println("[report] before the report was written: " + e);
                }
            }
        }
        synchronized (LOCK) {
            if (extent == null || flushed) {
                return;
            }
            flushed = true;
            new java.util.TreeMap<>(GROUP_SPANS).forEach((group, span) -> dashboard(Dashboard.Kind.WALL_TIME,
                    "Wall time: group " + group, String.format(java.util.Locale.ROOT, "%.1f s", (span[1] - span[0]) / 1000.0)));
            // by kind (Java and OS first, wall times after the boot, ...): the listeners record rows in whatever order
            // they happen to run, and a merged report orders its rows the same way
            List<Dashboard.Row> rows = DASHBOARD.values().stream()
                    .sorted(java.util.Comparator.comparing(Dashboard.Row::kind)).toList();
            rows.forEach(row -> extent.setSystemInfo(TestReport.escape(row.key()), row.html()));
            extent.flush();
            // after extent.json, so a sidecar never exists without the report it belongs to
            try {
                new Dashboard(shard().orElse(null), rows).write(dashboardFile());
            } catch (UncheckedIOException e) { // the report itself is written; a merge will say this one is missing
                System.err.println("[report] " + e.getMessage() + ": " + e.getCause());
            }
            System.out.println("[report] Extent report written to " + reportFile());
        }
    }
}
