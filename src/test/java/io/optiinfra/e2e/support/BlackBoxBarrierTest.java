package io.optiinfra.e2e.support;

import org.testng.annotations.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;

/**
 * The black-box rule as a unit test: no class of the suite (src/test/java/io/optiinfra/e2e) may reference a platform
 * class (io.optiinfra.* outside io.optiinfra.e2e) — not by import, static import, wildcard or fully qualified name.
 * Comments and string literals are ignored (the launcher names the platform's main class as a string on purpose).
 */
public class BlackBoxBarrierTest {
    private static final Path SUITE_SOURCES = Path.of(System.getProperty("optiinfra.projectDir", "."),
            "src", "test", "java", "io", "optiinfra", "e2e");
    /** io.optiinfra.<segment> where the segment is not e2e: a platform package or class. */
    private static final Pattern PLATFORM_REFERENCE = Pattern.compile("\\bio\\s*\\.\\s*optiinfra\\s*\\.\\s*(?!e2e\\b)([A-Za-z_$][\\w$]*)");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"\"\"(?:.|\\n)*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'",
            Pattern.DOTALL);

    @Test
    public void noSuiteClassReferencesAPlatformClass() throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(SUITE_SOURCES)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat("suite sources found under " + SUITE_SOURCES.toAbsolutePath(), sources.size(), greaterThan(20));

        List<String> violations = new ArrayList<>();
        for (Path source : sources) {
            for (String reference : platformReferences(read(source))) {
                violations.add(SUITE_SOURCES.relativize(source) + " references " + reference);
            }
        }

        assertThat("suite classes reaching platform classes (black-box rule)", violations, empty());
    }

    @Test
    public void detectorFindsImportsStaticImportsWildcardsAndQualifiedNamesButNotStringsOrComments() {
        String source = """
                package io.optiinfra.e2e.sample;
                import io.optiinfra.e2e.support.Groups;
                import io.optiinfra.common.Json;
                import static io.optiinfra.orchestrator.auth.Passwords.hash;
                import io.optiinfra.store.*;
                // io.optiinfra.agents.CostAgent in a comment is fine
                class Sample {
                    String main = "io.optiinfra.Main";
                    Object x = new io . optiinfra . cloudsim.Catalog();
                }
                """;

        assertThat(platformReferences(source), contains("io.optiinfra.common", "io.optiinfra.orchestrator",
                "io.optiinfra.store", "io.optiinfra.cloudsim"));
    }

    static List<String> platformReferences(String javaSource) {
        String code = COMMENTS_AND_STRINGS.matcher(javaSource).replaceAll(" ");
        List<String> found = new ArrayList<>();
        Matcher matcher = PLATFORM_REFERENCE.matcher(code);
        while (matcher.find()) {
            found.add("io.optiinfra." + matcher.group(1));
        }
        return found;
    }

    private static String read(Path source) {
        try {
            return Files.readString(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
