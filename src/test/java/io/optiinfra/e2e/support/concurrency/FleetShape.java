package io.optiinfra.e2e.support.concurrency;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.e2e.support.cloud.CloudSimulatorClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a cloud account runs, as instance counts per "deployment | instance type | market" ("-" for instances that
 * serve no deployment). Built from a fleet file (the seeded state), changed the way a plan says, or read from the
 * cloud simulator's control API — never from the platform's answers. Its monthly cost comes from the catalog.
 */
public record FleetShape(Map<String, Integer> counts) {
    private static final double HOURS_PER_MONTH = 730;

    /** The state a fleet file seeds: each deployment takes {@code instance_count} instances of its type. */
    public static FleetShape seeded(JsonNode fleet) {
        List<String[]> free = new ArrayList<>();
        for (JsonNode group : fleet.get("instances")) {
            for (int i = 0; i < group.get("count").asInt(); i++) {
                free.add(new String[] {group.get("instance_type").asText(), group.get("market").asText()});
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode d : fleet.get("deployments")) {
            for (int i = 0; i < d.get("instance_count").asInt(); i++) {
                String[] taken = free.stream().filter(f -> f[0].equals(d.get("instance_type").asText())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("fleet " + fleet.get("name") + " lacks instances of "
                                + d.get("instance_type") + " for " + d.get("id")));
                free.remove(taken);
                counts.merge(key(d.get("id").asText(), taken[0], taken[1]), 1, Integer::sum);
            }
        }
        free.forEach(f -> counts.merge(key(null, f[0], f[1]), 1, Integer::sum));
        return new FleetShape(counts);
    }

    /** Running instances of the account, as the cloud simulator reports them. */
    public static FleetShape observed(CloudSimulatorClient cloud, String customerId) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode i : cloud.runningInstances(customerId)) {
            String deployment = i.path("deployment_id").isNull() || i.path("deployment_id").isMissingNode() ? null
                    : i.get("deployment_id").asText();
            counts.merge(key(deployment, i.get("instance_type").asText(), i.get("market").asText()), 1, Integer::sum);
        }
        return new FleetShape(counts);
    }

    /** The same fleet with every instance of the deployment replaced by as many of {@code type} in {@code market}. */
    public FleetShape replaceDeployment(String deployment, String type, String market) {
        Map<String, Integer> changed = new TreeMap<>();
        int replaced = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getKey().startsWith(deployment + " | ")) {
                replaced += e.getValue();
            } else {
                changed.put(e.getKey(), e.getValue());
            }
        }
        if (replaced == 0) {
            throw new IllegalStateException("no instance serves " + deployment + " in " + counts);
        }
        changed.merge(key(deployment, type, market), replaced, Integer::sum);
        return new FleetShape(changed);
    }

    /** Without the instances that serve no deployment and are of this type (what an idle cleanup removes). */
    public FleetShape withoutIdle(String type) {
        Map<String, Integer> changed = new TreeMap<>(counts);
        changed.keySet().removeIf(k -> k.startsWith("- | " + type + " | "));
        return new FleetShape(changed);
    }

    /** Σ count × hourly price of the market (catalog of the cloud simulator) × 730 h. */
    public double monthlyCost(JsonNode catalog, String cloudName) {
        double hourly = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String[] parts = e.getKey().split(" \\| ");
            hourly += e.getValue() * price(catalog, cloudName, parts[1], parts[2]);
        }
        return hourly * HOURS_PER_MONTH;
    }

    private static double price(JsonNode catalog, String cloudName, String type, String market) {
        for (JsonNode t : catalog) {
            if (cloudName.equals(t.path("cloud").asText()) && type.equals(t.path("instance_type").asText())) {
                String field = switch (market) {
                    case "on_demand" -> "on_demand_hourly";
                    case "spot" -> "spot_hourly";
                    case "reserved" -> "reserved_1yr_hourly";
                    default -> throw new IllegalArgumentException("unknown market " + market);
                };
                return t.get(field).asDouble();
            }
        }
        throw new IllegalStateException("no catalog entry for " + cloudName + " " + type);
    }

    private static String key(String deployment, String type, String market) {
        return (deployment == null ? "-" : deployment) + " | " + type + " | " + market;
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
