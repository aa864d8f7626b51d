package io.optiinfra.e2e.support.report;

import com.aventstack.extentreports.ExtentReports;
import com.aventstack.extentreports.ExtentTest;
import com.aventstack.extentreports.reporter.ExtentSparkReporter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code make merge-reports}: one Extent report from the JSON archives that several runs (the shards of a Jenkins
 * build) wrote next to their HTML reports, with a dashboard built from their {@value Dashboard#FILE} sidecars and the
 * merged coverage in ../coverage (see {@link MergedDashboard}). Usage: {@code MergeReports <output dir> <extent.json>...}.
 * Exits 1 without writing a report when there is nothing to merge: an empty merged report would look green while
 * every shard failed.
 */
public final class MergeReports {
    /** The JSON archive ExtentReportListener writes into target/extent-report/. */
    public static final String JSON_ARCHIVE = "extent.json";
    static final int NOTHING_TO_MERGE = 1;

    private MergeReports() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1) {
            err.println("usage: MergeReports <output dir> <extent.json>...");
            return NOTHING_TO_MERGE;
        }
        Path output = Path.of(args[0]).toAbsolutePath().normalize();
        List<Path> archives = Arrays.stream(args).skip(1).map(Path::of).toList();
        // whatever happens below, a merged report of an earlier build must not be published as this one's
        deleteStaleReport(output);
        if (archives.isEmpty()) {
            err.println("merge-reports: no shard left a report: no " + JSON_ARCHIVE + " to merge (make merge-reports "
                    + "reads shards/*/extent-report/" + JSON_ARCHIVE + "). Every shard failed before writing its report: "
                    + "see each shard's console output and shards/<i>/logs/. No merged report was written.");
            return NOTHING_TO_MERGE;
        }
        for (Path archive : archives) {
            if (!Files.isRegularFile(archive)) {
                err.println("merge-reports: no report archive at " + archive + ": did that shard run?");
                return NOTHING_TO_MERGE;
            }
        }
        List<MergedDashboard.ShardRun> runs = new ArrayList<>();
        for (Path archive : archives) {
            Path sidecar = archive.resolveSibling(Dashboard.FILE);
            runs.add(new MergedDashboard.ShardRun(archive.toString(),
                    Files.isRegularFile(sidecar) ? Dashboard.read(sidecar) : null));
        }
        MergedDashboard dashboard = new MergedDashboard(runs);
        List<Dashboard.Row> rows = dashboard.rows(mergedCoverage(output, archives));

        ExtentReports extent = new ExtentReports();
        extent.attachReporter(reporter(output, archives.size()));
        extent.setReportUsesManualConfiguration(true);
        for (Path archive : archives) {
            try {
                extent.createDomainFromJsonArchive(archive.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the report archive " + archive, e);
            }
        }
        for (String shard : dashboard.missingShards()) {
            ExtentTest missing = extent.createTest("Shard " + shard + " left no report",
                    "Its tests are not in this report");
            missing.assignCategory(ExtentReportListener.shardTag(shard));
            missing.fail("No " + JSON_ARCHIVE + " from shard " + shard + ": it failed before its report was written "
                    + "(see its console output and shards/" + shard.substring(0, shard.indexOf('/')) + "/logs/).");
        }
        rows.forEach(row -> extent.setSystemInfo(TestReport.escape(row.key()), row.html()));
        extent.flush();
        out.println("[report] merged " + archives.size() + " reports (" + extent.getReport().getTestList().size()
                + " tests) into " + output.resolve("index.html"));
        rows.forEach(row -> out.println("[report] " + row.key() + ": " + row.value().replace("\n", "; ")));
        return 0;
    }

    private static ExtentSparkReporter reporter(Path output, int reports) {
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + output, e);
        }
        ExtentSparkReporter spark = new ExtentSparkReporter(output.resolve("index.html").toFile());
        spark.config().setDocumentTitle("OptiInfra E2E (merged)");
        spark.config().setReportName("OptiInfra E2E: " + reports + " shards");
        spark.config().setTimelineEnabled(true);
        spark.config().setOfflineMode(true);
        return spark;
    }

    /**
     * The gates {@code make merge-coverage} wrote to target/coverage, i.e. ../coverage of the merged report. One older
     * than the newest shard report is an earlier run's (say, a local all.xml run on the merging machine), not this
     * merge's, and is not shown as if it were.
     */
    static MergedDashboard.MergedCoverage mergedCoverage(Path output, List<Path> archives) {
        Path gates = output.getParent().resolve("coverage").resolve("gates.txt");
        if (!Files.isRegularFile(gates)) {
            return MergedDashboard.MergedCoverage.absent("no ../coverage/gates.txt next to this report (make "
                    + "merge-coverage writes it; coverage is measured in local mode only)");
        }
        try {
            long newestReport = 0;
            for (Path archive : archives) {
                newestReport = Math.max(newestReport, Files.getLastModifiedTime(archive).toMillis());
            }
            if (Files.getLastModifiedTime(gates).toMillis() < newestReport) {
                return MergedDashboard.MergedCoverage.absent("../coverage/gates.txt is older than the shards' reports "
                        + "(an earlier run's; make merge-coverage rewrites it)");
            }
            return new MergedDashboard.MergedCoverage(Files.readAllLines(gates, StandardCharsets.UTF_8),
                    Files.isRegularFile(output.resolve(MergedDashboard.COVERAGE_HTML).normalize()), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + gates, e);
        }
    }

    private static void deleteStaleReport(Path output) {
        try {
            Files.deleteIfExists(output.resolve("index.html"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the previous merged report in " + output, e);
        }
    }
}
