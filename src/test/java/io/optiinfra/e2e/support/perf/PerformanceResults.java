package io.optiinfra.e2e.support.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.e2e.support.env.CoverageAgent;
import io.optiinfra.e2e.support.report.Dashboard;
import io.optiinfra.e2e.support.report.ExtentReportListener;
import io.optiinfra.e2e.support.report.TestReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The performance group's figures in target/performance/results.json, one section per test, and the comparison
 * with the previous run's section found in that file: a figure regresses when it grew by more than
 * {@code maxRegression} (0.20 = 20 %) <em>and</em> by more than {@code noiseFloor} in absolute terms (a 2 ms p95
 * becoming 3 ms is noise on a shared machine, not a regression), after scaling the previous figure by how much
 * slower the machine answers now ({@link MachineReference}). The first run on a machine has nothing to compare, and a
 * run whose machine reference is more than {@link #COMPARABLE_REFERENCE_RATIO} times the previous one's (or less than
 * its inverse) is not compared either: under a CPU hog tail latencies inflate 3–7× while the median reference only
 * doubles, so no scaling makes such figures comparable. The report says "not compared" and why.
 */
public final class PerformanceResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tells this JVM's sections from an earlier run's, so a section written earlier in this run is not "previous". */
    private static final String RUN_ID = UUID.randomUUID().toString();
    private static final Object FILE_LOCK = new Object();
    /** Runs whose machine references differ by more than this factor measured different machines (±50 %). */
    static final double COMPARABLE_REFERENCE_RATIO = 1.5;

    private PerformanceResults() {}

    public static Path file() {
        return CoverageAgent.targetDir().resolve("performance").resolve("results.json");
    }

    /**
     * Writes {@code figures} (name → value, lower is better) as section {@code section} with the machine reference
     * measured just before them ({@link MachineReference}), returning the regressions of the {@code compared} figures
     * against the previous run's section (empty when there is none). A previous figure is first scaled by how much
     * slower the machine answers now (never below 1: a quieter machine does not make the bound stricter), so only a
     * figure that grew relative to the machine counts.
     */
    public static List<String> record(String section, Map<String, Double> figures, java.util.Set<String> compared,
                                      double machineReferenceMs, double maxRegression, double noiseFloor) {
        synchronized (FILE_LOCK) {
            try {
                Path file = file();
                Files.createDirectories(file.getParent());
                ObjectNode root = Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
                JsonNode previous = root.path(section);
                List<String> regressions = new ArrayList<>();
                if (previous.isObject() && !RUN_ID.equals(previous.path("run_id").asText())) {
                    Files.writeString(file.resolveSibling("results-previous-" + section + ".json"),
                            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(previous));
                    double previousReference = previous.path("machine_reference_ms").asDouble(machineReferenceMs);
                    double slower = Math.max(1.0, machineReferenceMs / previousReference);
                    String notComparable = comparable(previousReference, machineReferenceMs);
                    if (notComparable != null) {
                        TestReport.info("figures not compared with the previous run: " + notComparable);
                    }
                    java.util.Set<String> comparing = notComparable == null ? compared : java.util.Set.of();
                    figures.forEach((name, value) -> {
                        JsonNode before = previous.path("figures").path(name);
                        if (!comparing.contains(name) || !before.isNumber()) {
                            return;
                        }
                        double expected = before.asDouble() * slower;
                        if (value > expected * (1 + maxRegression) && value - expected > noiseFloor) {
                            regressions.add(String.format(Locale.ROOT, "%s: %.1f -> %.1f (+%.0f %%; machine "
                                    + "reference %.2f -> %.2f ms, so %.1f expected)", name, before.asDouble(), value,
                                    100 * (value / expected - 1), previousReference, machineReferenceMs, expected));
                        }
                    });
                }
                ObjectNode current = root.putObject(section);
                current.put("run_id", RUN_ID);
                current.put("recorded_at", Instant.now().toString());
                current.put("machine_reference_ms", machineReferenceMs);
                ObjectNode values = current.putObject("figures");
                figures.forEach(values::put);
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
                // the dashboard gets the headline figures: the whole mix's p95 where a section has many
                ExtentReportListener.dashboard(Dashboard.Kind.PERFORMANCE, "Performance: " + section, figures.entrySet().stream()
                        .filter(f -> figures.size() <= 8 || (f.getKey().contains(" p95") && !f.getKey().startsWith("GET")))
                        .map(f -> f.getKey() + " = " + String.format(Locale.ROOT, "%.1f", f.getValue()))
                        .collect(java.util.stream.Collectors.joining("; ")));
                return regressions;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record performance figures in " + file(), e);
            }
        }
    }

    /** Null when two runs' machine references are comparable, else why not. */
    static String comparable(double previousReferenceMs, double referenceMs) {
        double ratio = referenceMs / previousReferenceMs;
        if (ratio <= COMPARABLE_REFERENCE_RATIO && ratio >= 1 / COMPARABLE_REFERENCE_RATIO) {
            return null;
        }
        return String.format(Locale.ROOT, "machine reference %.2f ms now vs %.2f ms then (%.1f×, beyond the ±%.0f %% "
                + "within which runs measured the same machine)", referenceMs, previousReferenceMs, ratio,
                100 * (COMPARABLE_REFERENCE_RATIO - 1));
    }
}
