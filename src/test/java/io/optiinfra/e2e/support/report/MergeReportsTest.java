package io.optiinfra.e2e.support.report;

import com.aventstack.extentreports.ExtentReports;
import com.aventstack.extentreports.ExtentTest;
import com.aventstack.extentreports.reporter.JsonFormatter;
import io.optiinfra.e2e.support.report.Dashboard.Kind;
import io.optiinfra.e2e.support.report.Dashboard.Row;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * {@code make merge-reports} on the shards' outputs as the contract lays them out (shards/&lt;i&gt;/extent-report/
 * extent.json + dashboard.json, target/coverage after merge-coverage), the archives written by Extent's own
 * JsonFormatter as the report listener writes them.
 */
public class MergeReportsTest {
    private static final String GATES = """
            PASS orchestrator 10/10 100.0 % (target 90, acceptable 85)
            WARN overall 17/20 85.0 % (target 90, acceptable 80)
            """;

    private Path dir;
    private Path output;

    @BeforeMethod
    public void layout() throws Exception {
        dir = Files.createTempDirectory("merge-reports");
        output = dir.resolve("target/merged-report");
    }

    @Test
    public void theMergedDashboardHasEveryShardsBootWallTimesTheMergedCoverageAndThePerformanceFigures() throws Exception {
        Path one = shard("1/2", List.of(smoke("healthIsGreen"), test("signupWorks", "integration")), List.of(
                info("Java", "17.0.15"), new Row(Kind.BOOT, "Environment boot (local, cold)", "7900 ms"),
                new Row(Kind.COVERAGE, "Coverage: orchestrator", "FAIL orchestrator 3/10 30.0 % (target 90, acceptable 85)"),
                new Row(Kind.COVERAGE_LINK, "Coverage report", "../coverage/html/index.html"),
                new Row(Kind.PERFORMANCE, "Performance: api_latency_reads", "reads @25/s p95 ms = 34.9"),
                wall("smoke", "3.1 s"), wall("integration", "12.0 s")));
        Path two = shard("2/2", List.of(smoke("healthIsGreen"), test("spotMigration", "e2e")), List.of(
                info("Java", "17.0.15"), new Row(Kind.BOOT, "Environment boot (local, warm)", "5900 ms"),
                wall("smoke", "2.9 s"), wall("e2e", "20.0 s")));
        mergedCoverage();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(MergeReports.run(args(one, two), print(out), print(new ByteArrayOutputStream())), is(0));
        assertThat(out.toString(StandardCharsets.UTF_8), containsString("merged 2 reports (4 tests)"));

        List<Row> rows = rows(one, two);
        assertThat(rows, hasItem(new Row(Kind.INFO, "Shards", "2 merged: shard 1/2, shard 2/2")));
        assertThat(rows, hasItem(info("Java", "17.0.15")));
        assertThat(rows, hasItem(new Row(Kind.BOOT, "Environment boot (local, cold)", "shard 1/2: 7900 ms")));
        assertThat(rows, hasItem(new Row(Kind.BOOT, "Environment boot (local, warm)", "shard 2/2: 5900 ms")));
        assertThat(rows, hasItem(wall("smoke", "shard 1/2: 3.1 s\nshard 2/2: 2.9 s")));
        assertThat(rows, hasItem(wall("e2e", "shard 2/2: 20.0 s")));
        assertThat(rows, hasItem(new Row(Kind.COVERAGE, "Coverage: orchestrator",
                "PASS orchestrator 10/10 100.0 % (target 90, acceptable 85)")));
        assertThat(rows, hasItem(new Row(Kind.COVERAGE, "Coverage: overall", "WARN overall 17/20 85.0 % (target 90, acceptable 80)")));
        assertThat("a shard's own partial coverage is not the merged one", rows,
                not(hasItem(new Row(Kind.COVERAGE, "Coverage: orchestrator", "shard 1/2: FAIL orchestrator 3/10 30.0 % (target 90, acceptable 85)"))));
        assertThat(rows, hasItem(new Row(Kind.COVERAGE_LINK, "Coverage report (merged)", "../coverage/html/index.html")));
        assertThat(rows, hasItem(new Row(Kind.PERFORMANCE, "Performance: api_latency_reads",
                "shard 1/2: reads @25/s p95 ms = 34.9")));

        String html = Files.readString(output.resolve("index.html"));
        assertThat(html, containsString("shard 1/2: 3.1 s<br>shard 2/2: 2.9 s"));
        assertThat(html, containsString("<a href=\"../coverage/html/index.html\">"));
        assertThat("the link leads to merge-coverage's report", Files.readString(
                output.resolve("../coverage/html/index.html").normalize()), containsString("JaCoCo"));
        assertThat(html, containsString("healthIsGreen (shard 1/2)"));
        assertThat(html, containsString("healthIsGreen (shard 2/2)"));
        assertThat(html, containsString(">shard-2/2</span>")); // the tag of every test of that shard
    }

    @Test
    public void noReportFromAnyShardFailsAndLeavesNoMergedReport() throws Exception {
        Files.createDirectories(output);
        Files.writeString(output.resolve("index.html"), "an earlier build's merged report, all green");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = MergeReports.run(new String[] {output.toString()}, print(new ByteArrayOutputStream()), print(err));

        assertThat(code, is(MergeReports.NOTHING_TO_MERGE));
        assertThat(err.toString(StandardCharsets.UTF_8), containsString("no shard left a report"));
        assertThat("nothing stale to publish in its place", Files.exists(output.resolve("index.html")), is(false));
        assertThat(MergeReports.run(new String[] {output.toString(), dir.resolve("shards/1/extent-report/extent.json")
                .toString()}, print(new ByteArrayOutputStream()), print(err)), is(MergeReports.NOTHING_TO_MERGE));
    }

    @Test
    public void aShardThatLeftNoReportIsAFailedEntryAndNamedOnTheDashboard() throws Exception {
        Path one = shard("1/3", List.of(smoke("healthIsGreen")), List.of(wall("smoke", "3.0 s")));
        Path three = shard("3/3", List.of(smoke("healthIsGreen")), List.of(wall("smoke", "3.2 s")));

        assertThat(MergeReports.run(args(three, one), print(new ByteArrayOutputStream()),
                print(new ByteArrayOutputStream())), is(0));

        assertThat(rows(three, one), hasItem(new Row(Kind.INFO, "Shards",
                "2 merged: shard 1/3, shard 3/3\nshard 2/3 left no report (a failed entry in the test list)")));
        String html = Files.readString(output.resolve("index.html"));
        assertThat(html, containsString("Shard 2/3 left no report"));
        assertThat(html, containsString("it failed before its report was written"));
    }

    @Test
    public void coverageThatWasNotMergedForTheseShardsIsNotShown() throws Exception {
        Path one = shard("1/1", List.of(smoke("healthIsGreen")), List.of(wall("smoke", "3.0 s")));
        assertThat(rows(one), hasItem(new Row(Kind.COVERAGE, "Coverage", "not merged: no ../coverage/gates.txt next to "
                + "this report (make merge-coverage writes it; coverage is measured in local mode only). The shards' "
                + "own coverage rows are left out: each measured only its slice of the suite.")));

        mergedCoverage();
        Files.setLastModifiedTime(dir.resolve("target/coverage/gates.txt"), FileTime.from(Instant.now().minusSeconds(3600)));
        List<Row> rows = rows(one);
        assertThat(rows.stream().filter(r -> r.kind() == Kind.COVERAGE).findFirst().orElseThrow().value(),
                containsString("older than the shards' reports"));
        assertThat(rows.stream().anyMatch(r -> r.kind() == Kind.COVERAGE_LINK), is(false));
    }

    @Test
    public void aReportWithoutItsDashboardIsStillMergedAndSaysSo() throws Exception {
        Path one = shard("1/1", List.of(smoke("healthIsGreen")), List.of());
        Files.delete(one.resolveSibling(Dashboard.FILE));
        assertThat(MergeReports.run(args(one), print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream())),
                is(0));
        assertThat(rows(one).get(1).key(), is("Dashboard of report 1"));
    }

    @Test
    public void rowsRenderEscapedAndTheSidecarRoundTrips() {
        assertThat(new Row(Kind.BOOT_RETRY, "Boot retry 1", "clickhouse <exit 70>\nport taken").html(),
                is("<pre>clickhouse &lt;exit 70&gt;\nport taken</pre>"));
        assertThat(new Row(Kind.WALL_TIME, "k", "a & b\nc").html(), is("a &amp; b<br>c"));
        Dashboard dashboard = new Dashboard("2/3", List.of(wall("smoke", "3.0 s"), info("OS", "Linux amd64")));
        Path file = dir.resolve("x/" + Dashboard.FILE);
        dashboard.write(file);
        assertThat(Dashboard.read(file), is(dashboard));
    }

    @Test
    public void onlySmokeTestsNameTheShardTheyGated() {
        assertThat(ExtentReportListener.shardedName("healthIsGreen", List.of("smoke"), Optional.of("2/3")),
                is("healthIsGreen (shard 2/3)"));
        assertThat(ExtentReportListener.shardedName("signupWorks", List.of("integration", "fast"), Optional.of("2/3")),
                is("signupWorks"));
        assertThat(ExtentReportListener.shardedName("healthIsGreen", List.of("smoke"), Optional.empty()),
                is("healthIsGreen"));
    }

    /** A test of a shard: its name and groups, as the report listener would name and tag it in that shard. */
    private record ShardTest(String method, String group) {}

    private static ShardTest smoke(String method) {
        return new ShardTest(method, "smoke");
    }

    private static ShardTest test(String method, String group) {
        return new ShardTest(method, group);
    }

    private static Row info(String key, String value) {
        return new Row(Kind.INFO, key, value);
    }

    private static Row wall(String group, String value) {
        return new Row(Kind.WALL_TIME, "Wall time: group " + group, value);
    }

    /** shards/&lt;i&gt;/extent-report/ of one shard: its extent.json (Extent's JsonFormatter) and dashboard.json. */
    private Path shard(String shard, List<ShardTest> tests, List<Row> rows) {
        Path reportDir = dir.resolve("shards/" + shard.substring(0, shard.indexOf('/')) + "/extent-report");
        Path archive = reportDir.resolve(MergeReports.JSON_ARCHIVE);
        ExtentReports extent = new ExtentReports();
        extent.attachReporter(new JsonFormatter(archive.toFile()));
        for (ShardTest t : tests) {
            ExtentTest test = extent.createTest(ExtentReportListener.shardedName(t.method(), List.of(t.group()),
                    Optional.of(shard)));
            test.assignCategory(t.group(), ExtentReportListener.shardTag(shard));
            test.pass("Passed in 5 ms");
        }
        reportDir.toFile().mkdirs();
        extent.flush();
        new Dashboard(shard, rows).write(reportDir.resolve(Dashboard.FILE));
        return archive;
    }

    /** target/coverage as make merge-coverage leaves it, written after the shards' reports. */
    private void mergedCoverage() throws Exception {
        Path coverage = dir.resolve("target/coverage");
        Files.createDirectories(coverage.resolve("html"));
        Files.writeString(coverage.resolve("gates.txt"), GATES);
        Files.writeString(coverage.resolve("html/index.html"), "<html>JaCoCo report</html>");
        Files.setLastModifiedTime(coverage.resolve("gates.txt"), FileTime.from(Instant.now().plusSeconds(5)));
    }

    private List<Row> rows(Path... archives) {
        List<MergedDashboard.ShardRun> runs = new ArrayList<>();
        for (Path archive : archives) {
            Path sidecar = archive.resolveSibling(Dashboard.FILE);
            runs.add(new MergedDashboard.ShardRun(archive.toString(), Files.exists(sidecar) ? Dashboard.read(sidecar) : null));
        }
        return new MergedDashboard(runs).rows(MergeReports.mergedCoverage(output, List.of(archives)));
    }

    private String[] args(Path... archives) {
        List<String> args = new ArrayList<>(List.of(output.toString()));
        for (Path archive : archives) {
            args.add(archive.toString());
        }
        return args.toArray(String[]::new);
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
