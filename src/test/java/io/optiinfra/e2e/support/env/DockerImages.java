package io.optiinfra.e2e.support.env;

import java.util.Map;

/**
 * The images the docker mode runs, chosen with {@code -Ddocker.images=official|local} (default official):
 * the official store images for a connected agent, or the equivalents {@code make images} builds from Debian
 * packages for a machine without a registry. Each one can be overridden with {@code -Ddocker.image.<name>=...}.
 * The platform image is always built locally ({@code make images}), from either JRE.
 */
record DockerImages(String postgres, String clickhouse, String redis, String platform) {
    static final String PLATFORM = "optiinfra/platform:dev";

    private static final Map<String, DockerImages> SETS = Map.of(
            "official", new DockerImages("postgres:17", "clickhouse/clickhouse-server:24.8", "redis:7", PLATFORM),
            "local", new DockerImages("optiinfra/postgres:15", "optiinfra/clickhouse:18.16", "optiinfra/redis:7.0", PLATFORM));

    static DockerImages fromSystemProperties() {
        String set = System.getProperty("docker.images", "official");
        DockerImages base = SETS.get(set);
        if (base == null) {
            throw new IllegalArgumentException("unknown -Ddocker.images=" + set + " (official, local)");
        }
        return new DockerImages(
                System.getProperty("docker.image.postgres", base.postgres),
                System.getProperty("docker.image.clickhouse", base.clickhouse),
                System.getProperty("docker.image.redis", base.redis),
                System.getProperty("docker.image.platform", base.platform));
    }
}
