package io.optiinfra.e2e.support.report;

import io.optiinfra.e2e.support.data.TestData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rows of a run's dashboard (the System/Environment table of the Extent report), as ExtentReportListener also
 * writes them to {@value #FILE} next to extent.json: Extent's JSON archive holds only the tests, so without this
 * sidecar a merged report would lose the boot times, wall times, coverage and performance figures of its shards.
 *
 * @param shard the run's {@code -Dshard} ("2/3"), null when it ran the whole suite
 */
public record Dashboard(String shard, List<Row> rows) {
    public static final String FILE = "dashboard.json";

    /**
     * What a row is, so MergeReports can combine the shards' rows without parsing their keys; declared in the order
     * the dashboard shows them.
     */
    public enum Kind { INFO, BOOT, BOOT_RETRY, WALL_TIME, COVERAGE, COVERAGE_LINK, PERFORMANCE }

    /**
     * One row. {@code value} is plain text (lines separated by '\n'), escaped when rendered; a {@code COVERAGE_LINK}'s
     * value is the link's target relative to the report's directory.
     */
    public record Row(Kind kind, String key, String value) {
        /** The value as the report's table shows it (Spark inserts it unescaped, so this is where escaping happens). */
        public String html() {
            String text = TestReport.escape(value);
            return switch (kind) {
                case BOOT_RETRY -> "<pre>" + text + "</pre>";
                case COVERAGE_LINK -> "<a href=\"" + text + "\">" + text + "</a>";
                default -> text.replace("\n", "<br>");
            };
        }
    }

    public Dashboard {
        rows = List.copyOf(rows);
    }

    public static Dashboard read(Path file) {
        try {
            return TestData.mapper().readValue(file.toFile(), Dashboard.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard rows in " + file, e);
        }
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, TestData.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboard rows to " + file, e);
        }
    }
}
