package io.optiinfra.e2e.support.coverage;

import io.optiinfra.e2e.support.env.CoverageAgent;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.IPackageCoverage;
import org.jacoco.core.tools.ExecFileLoader;
import org.jacoco.report.DirectorySourceFileLocator;
import org.jacoco.report.FileMultiReportOutput;
import org.jacoco.report.IReportVisitor;
import org.jacoco.report.html.HTMLFormatter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * After the platform's JVMs have exited: merges their JaCoCo execution data, renders the HTML report to
 * target/coverage/html, and evaluates the gates of testdata/coverage-gates.json into target/coverage/gates.txt, one
 * line per component ({@code PASS|WARN|FAIL name covered/total pct target acceptable}). `make test` fails on a FAIL
 * line (the Makefile's coverage-gate target), so the gate holds for the whole all.xml run, not for a partial suite.
 */
public final class CoverageReport {

    /** A component's measured line coverage and its verdict against the gates. */
    public record Row(String component, int covered, int total, double target, double acceptable) {
        private static final Pattern LINE = Pattern.compile(
                "(?:PASS|WARN|FAIL) (\\S+) (\\d+)/(\\d+) \\S+ % \\(target ([\\d.]+), acceptable ([\\d.]+)\\)");

        public double percent() {
            return total == 0 ? 0 : 100.0 * covered / total;
        }

        public String verdict() {
            if (total == 0) {
                return "FAIL";
            }
            return percent() < acceptable ? "FAIL" : percent() < target ? "WARN" : "PASS";
        }

        public String line() {
            return String.format(Locale.ROOT, "%s %s %d/%d %.1f %% (target %.0f, acceptable %.0f)", verdict(),
                    component.replace(' ', '_'), covered, total, percent(), target, acceptable);
        }

        /** The row of one {@link #line()} of gates.txt (MergeReports reads the merged gates back). */
        public static Row parse(String line) {
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a gates.txt line: " + line);
            }
            return new Row(m.group(1).replace('_', ' '), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)));
        }
    }

    private CoverageReport() {}

    public static Path dir() {
        return CoverageAgent.targetDir().resolve("coverage");
    }

    /** Removes the previous run's execution data, so a report only ever shows one run. */
    public static void clearExecutionData() {
        try (Stream<Path> files = Files.exists(CoverageAgent.execDir()) ? Files.list(CoverageAgent.execDir()) : Stream.empty()) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.deleteIfExists(dir().resolve("gates.txt"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot clear " + CoverageAgent.execDir(), e);
        }
    }

    /** Builds the report from what the platform JVMs wrote; empty when this run measured nothing (e.g. external mode). */
    public static Optional<List<Row>> write() {
        try {
            return write(execFiles());
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + CoverageAgent.execDir(), e);
        }
    }

    /**
     * Builds the report from {@code execs} (this run's, or several shards' for {@code make merge-coverage}) against
     * this build's target/classes, into target/coverage; empty when {@code execs} is.
     */
    public static Optional<List<Row>> write(List<Path> execs) {
        Path target = CoverageAgent.targetDir();
        return write(execs, target.resolve("classes").resolve("io"),
                target.getParent().resolve("src").resolve("main").resolve("java"), dir(), CoverageGates.load());
    }

    /**
     * The report of {@code execs} merged (JaCoCo's loader merges the probes of the same class: a line covered in any
     * file is covered), analysing the class files under {@code classes}, into {@code out}/html and {@code out}/gates.txt.
     */
    static Optional<List<Row>> write(List<Path> execs, Path classes, Path sources, Path out, CoverageGates gates) {
        if (execs.isEmpty()) {
            return Optional.empty();
        }
        try {
            ExecFileLoader loader = new ExecFileLoader();
            for (Path exec : execs) {
                loader.load(exec.toFile());
            }
            CoverageBuilder builder = new CoverageBuilder();
            new Analyzer(loader.getExecutionDataStore(), builder).analyzeAll(classes.toFile());
            warnOnOtherBuilds(builder);
            IBundleCoverage bundle = builder.getBundle("OptiInfra platform under the E2E suites");
            renderHtml(loader, bundle, sources, out.resolve("html"));
            List<Row> rows = evaluate(bundle, gates);
            Files.writeString(out.resolve("gates.txt"), String.join("\n", rows.stream().map(Row::line).toList()) + "\n",
                    StandardCharsets.UTF_8);
            return Optional.of(rows);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the coverage report to " + out, e);
        }
    }

    /*
     * JaCoCo matches execution data to a class by a checksum of its bytes: data a shard recorded against classes that
     * differ from the ones analysed here (another commit or compiler) silently counts as not covered. Say so.
     */
    private static void warnOnOtherBuilds(CoverageBuilder builder) {
        var mismatched = builder.getNoMatchClasses();
        if (!mismatched.isEmpty()) {
            System.err.printf("[coverage] %d classes' execution data came from a different build than the classes "
                    + "analysed (e.g. %s): their lines count as not covered%n", mismatched.size(),
                    mismatched.iterator().next().getName());
        }
    }

    static List<Row> evaluate(IBundleCoverage bundle, CoverageGates gates) {
        List<Row> rows = new ArrayList<>();
        for (CoverageGates.Component component : gates.components()) {
            int covered = 0;
            int total = 0;
            for (IPackageCoverage pkg : bundle.getPackages()) {
                if (component.contains(pkg.getName().replace('/', '.'))) {
                    covered += pkg.getLineCounter().getCoveredCount();
                    total += pkg.getLineCounter().getTotalCount();
                }
            }
            rows.add(new Row(component.name(), covered, total, component.target(), component.acceptable()));
        }
        return rows;
    }

    private static void renderHtml(ExecFileLoader loader, IBundleCoverage bundle, Path sources, Path html)
            throws IOException {
        Files.createDirectories(html);
        IReportVisitor visitor = new HTMLFormatter().createVisitor(new FileMultiReportOutput(html.toFile()));
        visitor.visitInfo(loader.getSessionInfoStore().getInfos(), loader.getExecutionDataStore().getContents());
        visitor.visitBundle(bundle, new DirectorySourceFileLocator(sources.toFile(), "UTF-8", 4));
        visitor.visitEnd();
    }

    private static List<Path> execFiles() throws IOException {
        if (!Files.isDirectory(CoverageAgent.execDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(CoverageAgent.execDir())) {
            return files.filter(f -> f.toString().endsWith(".exec")).sorted().toList();
        }
    }
}
