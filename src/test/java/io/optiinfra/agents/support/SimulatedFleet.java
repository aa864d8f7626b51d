package io.optiinfra.agents.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.agents.shared.CustomerContext;
import io.optiinfra.agents.shared.Deployment;
import io.optiinfra.agents.shared.Prediction;
import io.optiinfra.agents.shared.PriceBook;
import io.optiinfra.agents.shared.WhatIf;
import io.optiinfra.cloudsim.CloudSimulator;
import io.optiinfra.cloudsim.catalog.Catalog;
import io.optiinfra.cloudsim.deployments.DeploymentRequests;
import io.optiinfra.cloudsim.deployments.VllmConfig;
import io.optiinfra.cloudsim.seed.FleetDocument;
import io.optiinfra.common.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A testdata fleet seeded into an in-process simulator, seen the way an agent sees it: the context rows the collector
 * stores (simulator objects verbatim in {@code details}), the catalog as JSON, and predictions from the real model.
 */
public final class SimulatedFleet {
    public final CloudSimulator sim = new CloudSimulator();
    public final String customerId = "cust-" + UUID.randomUUID();

    public SimulatedFleet(String fleet) {
        sim.seeder().seed(customerId, Json.read(read(fleet), FleetDocument.class));
    }

    private static String read(String fleet) {
        String projectDir = System.getProperty("optiinfra.projectDir", "");
        Path base = projectDir.isBlank() ? Path.of("") : Path.of(projectDir);
        try {
            return Files.readString(base.resolve("testdata/fleets/" + fleet + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PriceBook prices() {
        return PriceBook.fromCatalog(Json.MAPPER.valueToTree(Catalog.instanceTypes()));
    }

    public CustomerContext context() {
        ObjectNode context = Json.object();
        context.putObject("customer").put("id", customerId);
        ObjectNode infra = context.putObject("infrastructure");
        infra.put("status", "discovered");
        ArrayNode instances = infra.putArray("instances");
        for (JsonNode i : Json.MAPPER.<JsonNode>valueToTree(sim.instances().list(customerId, null, null))) {
            ObjectNode row = instances.addObject();
            for (String f : new String[] {"id", "instance_type", "cloud", "region", "market", "state"}) {
                row.set(f, i.get(f));
            }
            row.set("details", i);
        }
        ArrayNode deployments = infra.putArray("vllm_deployments");
        for (JsonNode d : Json.MAPPER.<JsonNode>valueToTree(sim.deployments().list(customerId))) {
            deployments.addObject().put("id", d.get("id").asText()).put("model", d.get("model").asText())
                    .set("details", d);
        }
        return CustomerContext.parse(customerId, context);
    }

    public Deployment deployment(String id) {
        return context().deployment(id).orElseThrow();
    }

    public WhatIf whatIf(String deploymentId) {
        return changes -> {
            DeploymentRequests.WhatIf request = Json.MAPPER.convertValue(changes, DeploymentRequests.WhatIf.class);
            return Prediction.parse(Json.MAPPER.valueToTree(sim.deployments().predict(customerId, deploymentId,
                    request)));
        };
    }

    /** The simulator's current overall GPU utilisation of a deployment (what telemetry would show). */
    public double gpuUtilization(String deploymentId) {
        return sim.deployments().metrics(customerId, deploymentId).overall().gpuUtilization();
    }

    public void configure(String deploymentId, Map<String, Object> vllmConfig) {
        sim.deployments().configure(customerId, deploymentId, new DeploymentRequests.ConfigChange(
                Json.MAPPER.convertValue(vllmConfig, VllmConfig.class), null, null));
    }
}
