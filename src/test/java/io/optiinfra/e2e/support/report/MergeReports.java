package io.optiinfra.e2e.support.report;

import com.aventstack.extentreports.ExtentReports;
import com.aventstack.extentreports.reporter.ExtentSparkReporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code make merge-reports}: one Extent report from the JSON archives that several runs (the shards of a Jenkins
 * build) wrote next to their HTML reports. Usage: {@code MergeReports <output dir> <extent.json>...}.
 */
public final class MergeReports {
    /** The JSON archive ExtentReportListener writes into target/extent-report/. */
    public static final String JSON_ARCHIVE = "extent.json";

    private MergeReports() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: MergeReports <output dir> <extent.json>...");
        }
        Path output = Path.of(args[0]);
        List<Path> archives = Arrays.stream(args).skip(1).map(Path::of).toList();
        for (Path archive : archives) {
            if (!Files.isRegularFile(archive)) {
                throw new IllegalArgumentException("no report archive at " + archive + ": did that shard run?");
            }
        }
        Files.createDirectories(output);
        ExtentSparkReporter spark = new ExtentSparkReporter(output.resolve("index.html").toFile());
        spark.config().setDocumentTitle("OptiInfra E2E (merged)");
        spark.config().setReportName("OptiInfra E2E: " + archives.size() + " shards");
        spark.config().setTimelineEnabled(true);
        spark.config().setOfflineMode(true);
        ExtentReports extent = new ExtentReports();
        extent.attachReporter(spark);
        extent.setReportUsesManualConfiguration(true);
        for (Path archive : archives) {
            extent.createDomainFromJsonArchive(archive.toFile());
        }
        extent.flush();
        System.out.println("[report] merged " + archives.size() + " reports (" + extent.getReport().getTestList().size()
                + " tests) into " + output.resolve("index.html").toAbsolutePath());
    }
}
