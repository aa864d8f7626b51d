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
            List<Path> execs = execFiles();
            if (execs.isEmpty()) {
                return Optional.empty();
            }
            ExecFileLoader loader = new ExecFileLoader();
            for (Path exec : execs) {
                loader.load(exec.toFile());
            }
            CoverageBuilder builder = new CoverageBuilder();
            Path classes = CoverageAgent.targetDir().resolve("classes");
            new Analyzer(loader.getExecutionDataStore(), builder).analyzeAll(classes.resolve("io").toFile());
            IBundleCoverage bundle = builder.getBundle("OptiInfra platform under the E2E suites");
            renderHtml(loader, bundle);
            List<Row> rows = evaluate(bundle, CoverageGates.load());
            Files.writeString(dir().resolve("gates.txt"), String.join("\n", rows.stream().map(Row::line).toList()) + "\n",
                    StandardCharsets.UTF_8);
            return Optional.of(rows);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the coverage report to " + dir(), e);
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

    private static void renderHtml(ExecFileLoader loader, IBundleCoverage bundle) throws IOException {
        Path html = dir().resolve("html");
        Files.createDirectories(html);
        IReportVisitor visitor = new HTMLFormatter().createVisitor(new FileMultiReportOutput(html.toFile()));
        visitor.visitInfo(loader.getSessionInfoStore().getInfos(), loader.getExecutionDataStore().getContents());
        Path sources = CoverageAgent.targetDir().getParent().resolve("src").resolve("main").resolve("java");
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
