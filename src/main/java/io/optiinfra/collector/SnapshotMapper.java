package io.optiinfra.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optiinfra.common.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps the simulator's instances and deployments to the infrastructure snapshot the orchestrator stores
 * ({@code PUT /internal/customers/{id}/infrastructure}), and renders its canonical form for change detection.
 */
public final class SnapshotMapper {
    public static final String DISCOVERING = "discovering";
    public static final String DISCOVERED = "discovered";

    private SnapshotMapper() {}

    /** The first PUT for a new customer: discovery has started, nothing found yet. */
    public static ObjectNode discovering(Connection c) {
        return envelope(DISCOVERING, c, Json.MAPPER.createArrayNode(), Json.MAPPER.createArrayNode());
    }

    /** The full snapshot: running instances and all deployments, each carrying the simulator's object verbatim. */
    public static ObjectNode discovered(Connection c, JsonNode simInstances, JsonNode simDeployments) {
        ArrayNode instances = Json.MAPPER.createArrayNode();
        for (JsonNode i : byId(array(simInstances, "instances"))) {
            if (!"running".equals(Connection.text(i, "state"))) {
                continue;
            }
            ObjectNode out = instances.addObject();
            out.put("id", Connection.text(i, "id"));
            out.put("instance_type", Connection.text(i, "instance_type"));
            out.put("cloud", Connection.text(i, "cloud"));
            out.put("region", Connection.text(i, "region"));
            out.put("market", Connection.text(i, "market"));
            out.put("state", Connection.text(i, "state"));
            out.set("details", i.deepCopy());
        }
        ArrayNode deployments = Json.MAPPER.createArrayNode();
        for (JsonNode d : byId(array(simDeployments, "deployments"))) {
            ObjectNode out = deployments.addObject();
            out.put("id", Connection.text(d, "id"));
            out.put("model", Connection.text(d, "model"));
            out.set("details", d.deepCopy());
        }
        return envelope(DISCOVERED, c, instances, deployments);
    }

    /** The deployment ids of a snapshot, in snapshot order. */
    public static List<String> deploymentIds(JsonNode snapshot) {
        List<String> ids = new ArrayList<>();
        snapshot.path("vllm_deployments").forEach(d -> ids.add(d.path("id").asText()));
        return ids;
    }

    /**
     * The lists of a snapshot as JSON with every object's keys sorted, so that equal fleets compare equal whatever
     * order the simulator serialised fields in.
     */
    public static String canonical(JsonNode snapshot) {
        ObjectNode lists = Json.object();
        lists.set("instances", snapshot.path("instances"));
        lists.set("vllm_deployments", snapshot.path("vllm_deployments"));
        return Json.write(sorted(lists));
    }

    private static ObjectNode envelope(String status, Connection c, ArrayNode instances, ArrayNode deployments) {
        ObjectNode snapshot = Json.object();
        snapshot.put("status", status);
        snapshot.put("cloud_provider", c.cloudProvider());
        snapshot.put("region", c.region());
        snapshot.set("instances", instances);
        snapshot.set("vllm_deployments", deployments);
        return snapshot;
    }

    private static JsonNode array(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("simulator " + what + " must be a JSON array, got " + node);
        }
        return node;
    }

    /** Entries with an id, ordered by it (the simulator's list order is not part of its contract). */
    private static List<JsonNode> byId(JsonNode array) {
        List<JsonNode> entries = new ArrayList<>();
        array.forEach(e -> {
            if (Connection.text(e, "id") != null) {
                entries.add(e);
            }
        });
        entries.sort(Comparator.comparing(e -> e.get("id").asText()));
        return entries;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = Json.object();
            names.forEach(name -> out.set(name, sorted(node.get(name))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
