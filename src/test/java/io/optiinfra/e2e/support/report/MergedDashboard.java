package io.optiinfra.e2e.support.report;

import io.optiinfra.e2e.support.coverage.CoverageReport;
import io.optiinfra.e2e.support.report.Dashboard.Kind;
import io.optiinfra.e2e.support.report.Dashboard.Row;
import io.optiinfra.e2e.support.shard.Shard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The merged report's dashboard, from the shards' {@value Dashboard#FILE} sidecars and the merged coverage: a row per
 * boot, wall-time and performance key with one line per shard that has it ("shard 2/3: 6.1 s"), the info rows once
 * when every shard agrees, and the coverage of {@code make merge-coverage} instead of the shards' own (each measured
 * only its slice of the suite, so its gate lines would be meaningless).
 */
final class MergedDashboard {
    /** The merged report links here: from target/merged-report, target/coverage/html. */
    static final String COVERAGE_HTML = "../coverage/html/index.html";

    /**
     * One merged report's source.
     *
     * @param dashboard its sidecar, or null when its extent.json had none next to it
     */
    record ShardRun(String archive, Dashboard dashboard) {
        Optional<Shard> shard() {
            return dashboard == null || dashboard.shard() == null ? Optional.empty()
                    : Optional.of(Shard.parse(dashboard.shard()));
        }
    }

    /**
     * What {@code make merge-coverage} left next to the merged report: its gate lines and whether its HTML exists (the
     * link is only shown when it leads somewhere), or why there is nothing to show ({@code notMerged}).
     */
    record MergedCoverage(List<String> gateLines, boolean html, String notMerged) {
        static MergedCoverage absent(String why) {
            return new MergedCoverage(List.of(), false, why);
        }
    }

    private final List<ShardRun> runs;
    private final List<String> labels;

    /** {@code runs} in the order their reports were merged. */
    MergedDashboard(List<ShardRun> runs) {
        this.runs = List.copyOf(runs);
        this.labels = IntStream.range(0, runs.size())
                .mapToObj(i -> runs.get(i).shard().map(s -> "shard " + s).orElse("report " + (i + 1))).toList();
    }

    /** The shards a sharded build had ("2/3") that left no report, judged by the largest n among the reports. */
    List<String> missingShards() {
        int count = runs.stream().flatMap(r -> r.shard().stream()).mapToInt(Shard::count).max().orElse(0);
        TreeSet<Integer> present = runs.stream().flatMap(r -> r.shard().stream())
                .filter(s -> s.count() == count).map(Shard::index).collect(Collectors.toCollection(TreeSet::new));
        return IntStream.rangeClosed(1, count).filter(i -> !present.contains(i)).mapToObj(i -> i + "/" + count).toList();
    }

    List<Row> rows(MergedCoverage coverage) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(Kind.INFO, "Shards", shardsSummary()));
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).dashboard() == null) {
                rows.add(new Row(Kind.INFO, "Dashboard of " + labels.get(i), "no " + Dashboard.FILE + " next to "
                        + runs.get(i).archive() + ": its boot, wall time and performance rows are missing"));
            }
        }
        rows.addAll(info());
        rows.addAll(perShard(Kind.BOOT));
        rows.addAll(perShard(Kind.BOOT_RETRY));
        rows.addAll(perShard(Kind.WALL_TIME));
        rows.addAll(coverage(coverage));
        rows.addAll(perShard(Kind.PERFORMANCE));
        return rows;
    }

    private String shardsSummary() {
        StringBuilder summary = new StringBuilder(runs.size() + " merged: " + String.join(", ", sortedLabels()));
        for (String missing : missingShards()) {
            summary.append("\nshard ").append(missing).append(" left no report (a failed entry in the test list)");
        }
        labels.stream().collect(Collectors.groupingBy(l -> l, LinkedHashMap::new, Collectors.counting()))
                .forEach((label, times) -> {
                    if (times > 1) { // e.g. a previous build's outputs left in shards/
                        summary.append('\n').append(label).append(" appears ").append(times).append(" times");
                    }
                });
        return summary.toString();
    }

    /** Java, OS, suites: one value when all shards agree, else a line per shard. */
    private List<Row> info() {
        Map<String, List<String>> byKey = grouped(Kind.INFO);
        List<Row> rows = new ArrayList<>();
        byKey.forEach((key, lines) -> {
            List<String> values = values(Kind.INFO, key);
            boolean agree = values.stream().distinct().count() == 1 && values.size() == dashboards();
            rows.add(new Row(Kind.INFO, key, agree ? values.get(0) : String.join("\n", lines)));
        });
        return rows;
    }

    /** A row per key of {@code kind}, with a line per shard that has it, in shard order. */
    private List<Row> perShard(Kind kind) {
        List<Row> rows = new ArrayList<>();
        grouped(kind).forEach((key, lines) -> rows.add(new Row(kind, key, String.join("\n", lines))));
        return rows;
    }

    private List<Row> coverage(MergedCoverage coverage) {
        if (coverage.notMerged() != null) {
            return List.of(new Row(Kind.COVERAGE, "Coverage", "not merged: " + coverage.notMerged() + ". The shards' "
                    + "own coverage rows are left out: each measured only its slice of the suite."));
        }
        List<Row> rows = new ArrayList<>();
        for (String line : coverage.gateLines()) {
            if (!line.isBlank()) {
                rows.add(new Row(Kind.COVERAGE, "Coverage: " + CoverageReport.Row.parse(line).component(), line.trim()));
            }
        }
        if (coverage.html()) {
            rows.add(new Row(Kind.COVERAGE_LINK, "Coverage report (merged)", COVERAGE_HTML));
        }
        return rows;
    }

    /** Key → "label: value" lines of every shard that has a row of {@code kind} with that key, in shard order. */
    private Map<String, List<String>> grouped(Kind kind) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (int i : shardOrder()) {
            Dashboard dashboard = runs.get(i).dashboard();
            if (dashboard == null) {
                continue;
            }
            for (Row row : dashboard.rows()) {
                if (row.kind() == kind) {
                    byKey.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(labels.get(i) + ": " + row.value());
                }
            }
        }
        return byKey;
    }

    private List<String> values(Kind kind, String key) {
        return runs.stream().filter(r -> r.dashboard() != null).flatMap(r -> r.dashboard().rows().stream())
                .filter(row -> row.kind() == kind && row.key().equals(key)).map(Row::value).toList();
    }

    private long dashboards() {
        return runs.stream().filter(r -> r.dashboard() != null).count();
    }

    private List<String> sortedLabels() {
        return shardOrder().stream().map(labels::get).toList();
    }

    /** Indices of {@link #runs} by shard index (reports without a shard last, in merge order). */
    private List<Integer> shardOrder() {
        return IntStream.range(0, runs.size()).boxed().sorted(Comparator.comparingInt(
                i -> runs.get(i).shard().map(Shard::index).orElse(Integer.MAX_VALUE))).toList();
    }
}
