package io.optiinfra.e2e.support.shard;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Recorded wall time per test class (ms), read from a checked-in file so that every shard of a run sees the same
 * numbers (testdata/shard-durations.properties, refreshed from target/shard-durations.properties after a full run).
 * A class without a record counts as the median of the recorded ones (a fixed default when there are none).
 */
public final class ShardDurations {
    static final long DEFAULT_MILLIS = 10_000;
    private final Map<String, Long> millis;
    private final long unknown;

    public ShardDurations(Map<String, Long> millis) {
        this.millis = new TreeMap<>(millis);
        this.unknown = median(this.millis);
    }

    public static ShardDurations read(Path file) {
        if (!Files.exists(file)) {
            return new ShardDurations(Map.of());
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shard durations " + file, e);
        }
        Map<String, Long> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, Long.parseLong(properties.getProperty(name).trim())));
        return new ShardDurations(values);
    }

    public long millis(String className) {
        return millis.getOrDefault(className, unknown);
    }

    private static long median(Map<String, Long> values) {
        if (values.isEmpty()) {
            return DEFAULT_MILLIS;
        }
        long[] sorted = values.values().stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
