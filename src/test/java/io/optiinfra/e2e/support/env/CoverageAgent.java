package io.optiinfra.e2e.support.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JaCoCo agent flag for each platform JVM, so the E2E suites measure which platform lines they exercise. The
 * build copies the agent to target/jacoco; each agent sends its data to the suite's coverage server (its port in
 * {@value #PORT_PROPERTY}, set only while one runs). {@code -Dcoverage=false} turns it off.
 */
public final class CoverageAgent {
    public static final String PORT_PROPERTY = "optiinfra.coverage.port";

    private CoverageAgent() {}

    public static Path targetDir() {
        return Path.of(System.getProperty("optiinfra.projectDir", "."), "target").toAbsolutePath().normalize();
    }

    public static Path execDir() {
        return targetDir().resolve("coverage").resolve("exec");
    }

    public static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("coverage", "true"));
    }

    /** The -javaagent flag for the process {@code name}, or empty when coverage is off or the agent is absent. */
    static Optional<String> flag(String name) {
        Path agent = targetDir().resolve("jacoco").resolve("jacocoagent.jar");
        String port = System.getProperty(PORT_PROPERTY);
        if (!enabled() || port == null || !Files.isRegularFile(agent)) {
            return Optional.empty();
        }
        return Optional.of("-javaagent:" + agent + "=output=tcpclient,address=127.0.0.1,port=" + port
                + ",sessionid=" + name + ",includes=io.optiinfra.*");
    }
}
