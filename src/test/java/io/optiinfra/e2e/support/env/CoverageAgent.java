package io.optiinfra.e2e.support.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The JaCoCo agent flag for each platform JVM, so the E2E suites measure which platform lines they exercise. The
 * build copies the agent to target/jacoco; each process appends to target/coverage/exec/&lt;process&gt;.exec, written
 * when the JVM exits (a process killed with SIGKILL by a fault test loses the data it gathered since its start).
 * {@code -Dcoverage=false} turns it off.
 */
public final class CoverageAgent {
    private CoverageAgent() {}

    public static Path targetDir() {
        return Path.of(System.getProperty("optiinfra.projectDir", "."), "target").toAbsolutePath().normalize();
    }

    public static Path execDir() {
        return targetDir().resolve("coverage").resolve("exec");
    }

    /** The -javaagent flag for the process {@code name}, or empty when coverage is off or the agent is absent. */
    static Optional<String> flag(String name) {
        Path agent = targetDir().resolve("jacoco").resolve("jacocoagent.jar");
        if (!Boolean.parseBoolean(System.getProperty("coverage", "true")) || !Files.isRegularFile(agent)) {
            return Optional.empty();
        }
        Path exec = execDir().resolve(name + ".exec");
        return Optional.of("-javaagent:" + agent + "=destfile=" + exec + ",append=true,includes=io.optiinfra.*,"
                + "jmx=false,inclnolocationclasses=false");
    }
}
