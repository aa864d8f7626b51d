package io.optiinfra.e2e.support.env;

import java.util.Map;

/** A running platform plus its stores. Implementations: local (embedded default), external, docker. */
public interface Environment extends AutoCloseable {

    /** Provisions what this mode provisions and waits until the platform is healthy. */
    EnvironmentSettings start() throws Exception;

    /** Last lines of each service log, for failure evidence; empty when the mode has no local logs. */
    Map<String, String> logTails(int lines);

    /** Tears down what {@link #start()} provisioned. Must be safe to call twice. */
    @Override
    void close();
}
