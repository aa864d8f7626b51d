package io.optiinfra.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.cloudsim.CloudSimulator;
import io.optiinfra.cloudsim.seed.FleetDocument;
import io.optiinfra.common.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Real simulator answers (in process, no HTTP) so the mappers are tested against the shapes they will see. */
final class SimFixtures {
    static final String DEPLOYMENT = "llama2-13b-chat";

    private SimFixtures() {}

    static String customer() {
        return UUID.randomUUID().toString();
    }

    /** Seeds testdata/fleets/{name}.json into a fresh account of {@code sim}. */
    static void seed(CloudSimulator sim, String customerId, String name) {
        String projectDir = System.getProperty("optiinfra.projectDir", "");
        Path base = projectDir.isBlank() ? Path.of("") : Path.of(projectDir);
        Path file = base.resolve("testdata/fleets/" + name + ".json");
        try {
            sim.seeder().seed(customerId, Json.read(Files.readString(file), FleetDocument.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode instances(CloudSimulator sim, String customerId) {
        return Json.MAPPER.valueToTree(sim.instances().list(customerId, null, null));
    }

    static JsonNode deployments(CloudSimulator sim, String customerId) {
        return Json.MAPPER.valueToTree(sim.deployments().list(customerId));
    }

    static JsonNode metrics(CloudSimulator sim, String customerId, String deploymentId) {
        return Json.MAPPER.valueToTree(sim.deployments().metrics(customerId, deploymentId));
    }

    static JsonNode summary(CloudSimulator sim, String customerId) {
        return Json.MAPPER.valueToTree(sim.instances().summary(customerId));
    }

    static Connection connection(String customerId) {
        return new Connection(customerId, "aws", "us-east-1", "2024-01-01T00:00:00Z");
    }
}
