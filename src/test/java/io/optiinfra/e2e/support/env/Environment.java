package io.optiinfra.e2e.support.env;

import java.util.Map;
import java.util.Optional;

/** A running platform plus its stores. Implementations: local (embedded default), external, docker. */
public interface Environment extends AutoCloseable {

    /** Provisions what this mode provisions and waits until the platform is healthy. */
    EnvironmentSettings start() throws Exception;

    /** Last lines of each service log, for failure evidence; empty when the mode has no local logs. */
    Map<String, String> logTails(int lines);

    /** Kill, pause, resume and restart of processes and stores, when this mode owns them; empty otherwise. */
    default Optional<FaultControl> faultControl() {
        return Optional.empty();
    }

    /** Why {@link #faultControl()} is empty (shown in the report for tests that need it); null when it is available. */
    default String faultControlUnavailableReason() {
        return faultControl().isPresent() ? null : "this environment mode does not own the platform's processes";
    }

    /** What kind of boot {@link #start()} was ("warm", "cold"), for the boot figure; empty when the mode cannot tell. */
    default String bootKind() {
        return "";
    }

    /**
     * Stores or processes that exited before they were ready and were started again on fresh ports during
     * {@link #start()}, each with its exit status and log tails; empty when none was (or the mode does not retry).
     */
    default java.util.List<String> bootRetries() {
        return java.util.List.of();
    }

    /** Tears down what {@link #start()} provisioned. Must be safe to call twice. */
    @Override
    void close();
}
