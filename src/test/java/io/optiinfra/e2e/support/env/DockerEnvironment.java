package io.optiinfra.e2e.support.env;

import org.testcontainers.DockerClientFactory;

import java.util.Map;

/**
 * The seam for {@code -Denv=docker}: the topology of docker-compose.e2e.yml started through Testcontainers.
 * Until that lands it refuses clearly, and it always refuses quickly where there is no Docker engine.
 */
public final class DockerEnvironment implements Environment {

    @Override
    public EnvironmentSettings start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("-Denv=docker needs a Docker engine and this machine has none; "
                    + "use -Denv=local (the default) or -Denv=external");
        }
        throw new UnsupportedOperationException("-Denv=docker is not implemented yet: "
                + "see docker-compose.e2e.yml; use -Denv=local or -Denv=external");
    }

    @Override
    public Map<String, String> logTails(int lines) {
        return Map.of();
    }

    @Override
    public void close() {
        // nothing provisioned
    }
}
