package io.optiinfra.e2e.support.run;

import io.optiinfra.e2e.support.report.ExtentReportListener;
import org.testng.ISuite;
import org.testng.ITestContext;
import org.testng.ITestResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The console of a suite run: one line per finished test (status, name, duration, running counts, elapsed time), and
 * at the end a table per {@code <test>} block and the failed tests, each with the link to its report entry.
 */
final class Progress {
    private static final int MAX_ROW_CHARS = 60;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final List<Block> blocks = new ArrayList<>(); // guarded by this
    private final List<ITestResult> failures = new ArrayList<>(); // guarded by this

    /** One {@code <test>} block's figures. */
    record Block(String suite, String name, int run, int failed, int skipped, long wallMillis) {}

    Progress(PrintStream out) {
        this.out = out;
    }

    synchronized void finished(ITestResult result, String status) {
        AtomicInteger counter = switch (status) {
            case "PASS" -> passed;
            case "FAIL" -> failed;
            default -> skipped;
        };
        counter.incrementAndGet();
        out.printf(Locale.ROOT, "[progress] %-4s %s (%s)  %d done: %d passed, %d failed, %d skipped, %s%n", status,
                displayName(result), seconds(result.getEndMillis() - result.getStartMillis()),
                passed.get() + failed.get() + skipped.get(), passed.get(), failed.get(), skipped.get(),
                clock((System.nanoTime() - startNanos) / 1_000_000));
    }

    void configurationFailed(ITestResult result) {
        out.printf(Locale.ROOT, "[progress] CONFIGURATION FAILED %s: %s%n", displayName(result),
                result.getThrowable() == null ? "" : result.getThrowable());
    }

    synchronized void suiteFinished(ISuite suite) {
        suite.getResults().values().forEach(r -> {
            ITestContext context = r.getTestContext();
            int f = context.getFailedTests().size() + context.getFailedButWithinSuccessPercentageTests().size();
            int s = context.getSkippedTests().size();
            int run = context.getPassedTests().size() + f + s;
            blocks.add(new Block(suite.getName(), context.getName(), run, f, s,
                    context.getEndDate().getTime() - context.getStartDate().getTime()));
            Stream.of(context.getFailedConfigurations(), context.getFailedTests(),
                            context.getFailedButWithinSuccessPercentageTests())
                    .flatMap(results -> results.getAllResults().stream()).forEach(failures::add);
        });
    }

    /** The end-of-run summary. */
    synchronized void summary() {
        if (blocks.isEmpty()) {
            return;
        }
        int width = Math.max(7, blocks.stream().mapToInt(b -> b.name().length()).max().orElse(0));
        String row = "  %-" + width + "s %6s %7s %8s %9s%n";
        out.println("[optiinfra-e2e] summary, per <test> block:");
        out.printf(Locale.ROOT, row, "<test>", "run", "failed", "skipped", "wall");
        blocks.forEach(b -> out.printf(Locale.ROOT, row, b.name(), b.run(), b.failed(), b.skipped(),
                seconds(b.wallMillis())));
        out.printf(Locale.ROOT, row, "total", blocks.stream().mapToInt(Block::run).sum(),
                blocks.stream().mapToInt(Block::failed).sum(), blocks.stream().mapToInt(Block::skipped).sum(),
                clock((System.nanoTime() - startNanos) / 1_000_000));
        if (failures.isEmpty()) {
            return;
        }
        out.printf("[optiinfra-e2e] failed (%d):%n", failures.size());
        failures.forEach(result -> out.printf("  %s%s%n    %s%n", displayName(result),
                result.getMethod().isTest() ? "" : " (configuration)", ExtentReportListener.link(result)));
    }

    static String displayName(ITestResult result) {
        String name = NameFilter.name(result.getMethod());
        Object[] parameters = result.getParameters();
        if (parameters == null || parameters.length == 0) {
            return name;
        }
        String label = NameFilter.label(parameters);
        return name + "[" + (label.length() <= MAX_ROW_CHARS ? label : label.substring(0, MAX_ROW_CHARS - 3) + "...") + "]";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", Math.max(0, millis) / 1000.0);
    }

    private static String clock(long millis) {
        long s = millis / 1000;
        return String.format(Locale.ROOT, "%d:%02d elapsed", s / 60, s % 60);
    }
}
