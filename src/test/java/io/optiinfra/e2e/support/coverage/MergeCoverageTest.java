package io.optiinfra.e2e.support.coverage;

import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.ExecutionDataWriter;
import org.jacoco.core.data.SessionInfoStore;
import org.jacoco.core.instr.Instrumenter;
import org.jacoco.core.runtime.LoggerRuntime;
import org.jacoco.core.runtime.RuntimeData;
import org.jacoco.core.tools.ExecFileLoader;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * {@code make merge-coverage} on real JaCoCo execution data: {@link CoverageFixture} instrumented with JaCoCo's own
 * Instrumenter, one "shard" calling {@code left}, another {@code right}, each written as an exec file the way the
 * coverage server writes one. Merged, they must cover the union of their lines, and the gates must see the union.
 */
public class MergeCoverageTest {
    private static final String FIXTURE = CoverageFixture.class.getName();
    /** 6 lines: left alone covers 2 (33 %, below acceptable), both 4 (67 %, above acceptable, below target). */
    private static final CoverageGates GATES = new CoverageGates(List.of(new CoverageGates.Component("fixture",
            List.of(CoverageFixture.class.getPackageName()), 90, 60)));

    private Path dir;
    private Path classes;

    @BeforeMethod
    public void fixtureClasses() throws Exception {
        dir = Files.createTempDirectory("merge-coverage");
        classes = dir.resolve("classes");
        Path classFile = classes.resolve(FIXTURE.replace('.', '/') + ".class");
        Files.createDirectories(classFile.getParent());
        Files.write(classFile, originalBytes());
    }

    @Test
    public void twoShardsMergeToTheUnionOfTheirLines() throws Exception {
        Path left = shardCalling("left", "shard-1.exec");
        Path right = shardCalling("right", "shard-2.exec");

        Set<Integer> leftLines = coveredLines(List.of(left));
        Set<Integer> rightLines = coveredLines(List.of(right));
        Set<Integer> union = new TreeSet<>(leftLines);
        union.addAll(rightLines);

        assertThat(leftLines, hasSize(2));
        assertThat(rightLines, hasSize(2));
        Set<Integer> both = new HashSet<>(leftLines);
        both.retainAll(rightLines);
        assertThat("each shard covers lines the other does not", both, is(empty()));
        assertThat(coveredLines(List.of(left, right)), equalTo(union));

        CoverageReport.Row merged = report(List.of(left, right)).orElseThrow().get(0);
        assertThat(merged.covered(), is(union.size()));
        assertThat(merged.total(), is(6));
        assertThat(Files.readString(dir.resolve("out/gates.txt")), equalTo(merged.line() + "\n"));
        assertThat(Files.isRegularFile(dir.resolve("out/html/index.html")), is(true));
        assertThat(CoverageReport.Row.parse(merged.line()), equalTo(merged));
    }

    @Test
    public void exitsTwoOnlyWhenTheMergeIsBelowAcceptable() throws Exception {
        Path left = shardCalling("left", "shard-1.exec");
        Path right = shardCalling("right", "shard-2.exec");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat("one shard alone: 33 %", merge(List.of(left), out), is(MergeCoverage.BELOW_ACCEPTABLE));
        assertThat(out.toString(StandardCharsets.UTF_8), containsString("coverage: FAIL fixture 2/6"));

        out.reset();
        assertThat("both: 67 %, a WARN passes", merge(List.of(left, right), out), is(0));
        assertThat(out.toString(StandardCharsets.UTF_8), containsString("coverage: WARN fixture 4/6 66.7 %"));
        assertThat(Files.readString(dir.resolve("out/gates.txt")), containsString("WARN fixture 4/6"));
    }

    @Test
    public void nothingToMergeIsAnError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MergeCoverage.run(List.of(), dir.resolve("out"), this::report, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code, is(MergeCoverage.NOTHING_TO_MERGE));
        assertThat(err.toString(StandardCharsets.UTF_8), containsString("no JaCoCo execution data"));
        assertThat(MergeCoverage.run(List.of(dir.resolve("missing.exec")), dir.resolve("out"), this::report,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)), is(MergeCoverage.NOTHING_TO_MERGE));
        assertThat(Files.exists(dir.resolve("out/gates.txt")), is(false));
    }

    @Test
    public void aStaleVerdictIsRemovedBeforeTheMerge() throws Exception {
        Path left = shardCalling("left", "shard-1.exec");
        Files.createDirectories(dir.resolve("out/html/old-package"));
        Files.writeString(dir.resolve("out/html/old-package/index.html"), "from an earlier run");
        merge(List.of(left), new ByteArrayOutputStream());
        assertThat(Files.exists(dir.resolve("out/html/old-package")), is(false));
    }

    private int merge(List<Path> execs, ByteArrayOutputStream out) {
        return MergeCoverage.run(execs, dir.resolve("out"), this::report, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
    }

    private Optional<List<CoverageReport.Row>> report(List<Path> execs) {
        return CoverageReport.write(execs, classes, dir.resolve("no-sources"), dir.resolve("out"), GATES);
    }

    /** One "shard": a fresh JaCoCo runtime, the fixture instrumented and loaded, {@code method} called, data written. */
    private Path shardCalling(String method, String execName) throws Exception {
        LoggerRuntime runtime = new LoggerRuntime();
        byte[] instrumented = new Instrumenter(runtime).instrument(originalBytes(), FIXTURE);
        RuntimeData data = new RuntimeData();
        runtime.startup(data);
        try {
            Class<?> fixture = new ClassLoader(getClass().getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    return name.equals(FIXTURE)
                            ? defineClass(name, instrumented, 0, instrumented.length)
                            : super.loadClass(name, resolve);
                }
            }.loadClass(FIXTURE);
            fixture.getMethod(method, int.class).invoke(null, 3);
            ExecutionDataStore store = new ExecutionDataStore();
            SessionInfoStore sessions = new SessionInfoStore();
            data.collect(store, sessions, false);
            Path exec = dir.resolve(execName);
            try (OutputStream out = Files.newOutputStream(exec)) {
                ExecutionDataWriter writer = new ExecutionDataWriter(out);
                sessions.accept(writer);
                store.accept(writer);
            }
            return exec;
        } finally {
            runtime.shutdown();
        }
    }

    /** The fixture's covered line numbers under the merge of {@code execs}, as JaCoCo analyses them. */
    private Set<Integer> coveredLines(List<Path> execs) throws Exception {
        ExecFileLoader loader = new ExecFileLoader();
        for (Path exec : execs) {
            loader.load(exec.toFile());
        }
        CoverageBuilder builder = new CoverageBuilder();
        new Analyzer(loader.getExecutionDataStore(), builder).analyzeAll(classes.toFile());
        assertThat(builder.getClasses(), not(empty()));
        Set<Integer> lines = new TreeSet<>();
        for (IClassCoverage cls : builder.getClasses()) {
            for (int line = cls.getFirstLine(); line <= cls.getLastLine(); line++) {
                int status = cls.getLine(line).getStatus();
                if (status == ICounter.FULLY_COVERED || status == ICounter.PARTLY_COVERED) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private static byte[] originalBytes() throws Exception {
        try (InputStream in = CoverageFixture.class.getResourceAsStream("CoverageFixture.class")) {
            return in.readAllBytes();
        }
    }
}
