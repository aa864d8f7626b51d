package io.optiinfra.e2e.support.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the JSON files under {@code testdata/}, resolved against the system property {@code optiinfra.projectDir}
 * (set by Surefire) or else the working directory, so IDE and Maven runs find the same files.
 */
public final class TestData {

    /**
     * Configured once and never changed afterwards, which is what makes sharing it across threads safe. Strict: an
     * unknown (e.g. misspelt) property in a testdata file is an error, never an expectation silently dropped; an
     * explicit null or missing value for a record's number or boolean is an error too (no silent 0 / false).
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private TestData() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The testdata directory. */
    public static Path root() {
        String projectDir = System.getProperty("optiinfra.projectDir", "");
        Path base = projectDir.isBlank() ? Path.of("") : Path.of(projectDir);
        return base.resolve("testdata").toAbsolutePath().normalize();
    }

    /** A path under testdata; refuses paths that climb out of it. */
    public static Path resolve(String relativePath) {
        Path root = root();
        Path path = root.resolve(relativePath).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("not under " + root + ": " + relativePath);
        }
        return path;
    }

    /** A JSON array file as an unmodifiable list of {@code type}. */
    public static <T> List<T> readList(String relativePath, Class<T> type) {
        Path file = resolve(relativePath);
        try {
            List<T> items = MAPPER.readValue(file.toFile(),
                    MAPPER.getTypeFactory().constructCollectionType(List.class, type));
            return Collections.unmodifiableList(items);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as a list of " + type.getSimpleName(), e);
        }
    }

    /** A JSON object file as {@code type}. */
    public static <T> T read(String relativePath, Class<T> type) {
        Path file = resolve(relativePath);
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as " + type.getSimpleName(), e);
        }
    }

    public static JsonNode readTree(String relativePath) {
        Path file = resolve(relativePath);
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The {@code *.json} files directly in {@code dir} (relative to testdata), sorted by name, as paths relative to
     * testdata, ready to pass back to {@link #readTree} or {@link #readList}.
     */
    public static List<String> listFiles(String dir) {
        Path directory = resolve(dir);
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no testdata directory " + directory);
        }
        Path root = root();
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
