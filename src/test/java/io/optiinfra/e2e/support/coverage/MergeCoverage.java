package io.optiinfra.e2e.support.coverage;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code make merge-coverage}: the JaCoCo execution data of several runs (the shards of a Jenkins build, each of which
 * measured only its slice of the suite) merged into one report and one gate verdict, with {@link CoverageReport}'s
 * analysis, HTML and gates. Usage: {@code MergeCoverage <file.exec>...}. Writes target/coverage/html/ and
 * target/coverage/gates.txt, prints the gate lines as {@code make coverage-gate} does, and exits 2 when a component
 * is below its acceptable goal (a FAIL line), 1 when there is nothing to merge, 0 otherwise (WARN: below target).
 */
public final class MergeCoverage {
    static final int BELOW_ACCEPTABLE = 2;
    static final int NOTHING_TO_MERGE = 1;

    private MergeCoverage() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.stream(args).map(Path::of).toList(), CoverageReport.dir(), CoverageReport::write,
                System.out, System.err));
    }

    /** {@code report} builds the report of the given exec files into {@code out} (a seam for the unit test). */
    static int run(List<Path> execs, Path out, Function<List<Path>, Optional<List<CoverageReport.Row>>> report,
                   PrintStream stdout, PrintStream stderr) {
        if (execs.isEmpty()) {
            stderr.println("merge-coverage: no JaCoCo execution data to merge (default shards/*/coverage/*.exec, "
                    + "or EXECS=...). Coverage is measured in local mode only (-Denv=docker or external shards leave "
                    + "none); a local shard leaves target/coverage/exec/*.exec, which `make shard-outputs` copies.");
            return NOTHING_TO_MERGE;
        }
        for (Path exec : execs) {
            if (!Files.isRegularFile(exec)) {
                stderr.println("merge-coverage: no execution data file " + exec);
                return NOTHING_TO_MERGE;
            }
        }
        // a report or verdict left from an earlier run must not pass for this merge's
        deleteRecursively(out.resolve("html"));
        try {
            Files.deleteIfExists(out.resolve("gates.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stdout.println("merge-coverage: merging " + execs.size() + " execution data files: " + execs);
        List<CoverageReport.Row> rows = report.apply(execs).orElseThrow();
        rows.forEach(row -> stdout.println("coverage: " + row.line()));
        stdout.println("merge-coverage: report " + out.resolve("html").resolve("index.html") + ", gates "
                + out.resolve("gates.txt"));
        if (rows.stream().anyMatch(row -> row.verdict().equals("FAIL"))) {
            stderr.println("merge-coverage: line coverage below the acceptable goal (testdata/coverage-gates.json)");
            return BELOW_ACCEPTABLE;
        }
        return 0;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
