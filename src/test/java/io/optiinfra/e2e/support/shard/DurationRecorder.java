package io.optiinfra.e2e.support.shard;

import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestResult;
import org.testng.internal.RuntimeBehavior;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Records the time each suite class took (sum of its test methods, ms) into target/shard-durations.properties,
 * merged with what earlier runs recorded there. Copy it to testdata/ to rebalance the shards. Registered through
 * META-INF/services; only suite classes (io.optiinfra.e2e.*IT) are recorded.
 */
public final class DurationRecorder implements ISuiteListener {

    @Override
    public void onFinish(ISuite suite) {
        if (RuntimeBehavior.isDryRun()) {
            return;
        }
        Map<String, Long> measured = new TreeMap<>();
        suite.getResults().values().forEach(result -> {
            var context = result.getTestContext();
            Stream.of(context.getPassedTests(), context.getFailedTests(), context.getSkippedTests())
                    .flatMap(results -> results.getAllResults().stream())
                    .forEach(r -> record(measured, r));
        });
        if (measured.isEmpty()) {
            return;
        }
        Path file = Path.of(System.getProperty("optiinfra.projectDir", "."), "target", "shard-durations.properties");
        write(file, measured);
    }

    private static void record(Map<String, Long> measured, ITestResult result) {
        String name = result.getTestClass().getName();
        if (name.startsWith("io.optiinfra.e2e.") && name.endsWith("IT")) {
            measured.merge(name, Math.max(0, result.getEndMillis() - result.getStartMillis()), Long::sum);
        }
    }

    private static synchronized void write(Path file, Map<String, Long> measured) {
        Properties properties = new Properties();
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    properties.load(in);
                }
            }
            measured.forEach((name, millis) -> properties.setProperty(name, String.valueOf(millis)));
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "ms per suite class, summed over its test methods (ShardListener balances on these)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record shard durations in " + file, e);
        }
    }
}
