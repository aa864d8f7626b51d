package io.optiinfra.orchestrator.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.common.ApiException;
import io.optiinfra.common.Json;
import io.optiinfra.common.web.Web;
import io.optiinfra.orchestrator.events.EventBus;
import io.optiinfra.store.Postgres;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A customer's discovered inventory: instances and vLLM deployments, written by the collector. */
public final class InfrastructureService {
    private static final Set<String> STATUSES = Set.of("pending", "discovering", "discovered");
    private static final Set<String> CLOUDS = Set.of("aws", "gcp");
    /** What a recommendation's affected_resources[] may name (RecommendationInput): a longer id could never be referenced. */
    static final int MAX_ID_LENGTH = 200;

    public record InstanceRecord(String id, String instance_type, String cloud, String region, String market,
                                 String state, Map<String, Object> details) {}
    public record DeploymentRecord(String id, String model, Map<String, Object> details) {}
    public record InfrastructureUpdate(String status, String cloud_provider, String region,
                                       List<InstanceRecord> instances, List<DeploymentRecord> vllm_deployments) {}

    private final Postgres pg;
    private final EventBus events;
    private volatile java.util.function.Consumer<UUID> onDiscovered = customerId -> { };

    public InfrastructureService(Postgres pg, EventBus events) {
        this.pg = pg;
        this.events = events;
    }

    /** Called after a snapshot with status {@code discovered} was stored (the first analysis hangs on this). */
    public void onDiscovered(java.util.function.Consumer<UUID> listener) {
        this.onDiscovered = listener;
    }

    public Map<String, Object> get(UUID customerId) {
        Map<String, Object> infra = pg.queryOne("SELECT status, cloud_provider, region, updated_at FROM infrastructure "
                + "WHERE customer_id = ?", customerId).orElseThrow(() -> ApiException.notFound("no infrastructure"));
        Map<String, Object> result = new LinkedHashMap<>(infra);
        result.put("instances", pg.query("SELECT instance_id AS id, instance_type, cloud, region, market, state, "
                + "details::text AS details FROM instances WHERE customer_id = ? ORDER BY instance_id", customerId)
                .stream().map(InfrastructureService::withParsedDetails).toList());
        result.put("vllm_deployments", pg.query("SELECT deployment_id AS id, model, details::text AS details "
                + "FROM vllm_deployments WHERE customer_id = ? ORDER BY deployment_id", customerId)
                .stream().map(InfrastructureService::withParsedDetails).toList());
        return result;
    }

    /** Replaces the inventory in one transaction (the collector always sends a full snapshot). */
    public void replace(UUID customerId, InfrastructureUpdate update) {
        if (update.status() == null || !STATUSES.contains(update.status())) {
            throw ApiException.badRequest("status must be one of " + STATUSES);
        }
        if (update.cloud_provider() != null && !CLOUDS.contains(update.cloud_provider())) {
            throw ApiException.badRequest("cloud_provider must be one of " + CLOUDS);
        }
        if (update.region() != null) {
            Web.requireText(update.region(), "region", 64);
        }
        List<InstanceRecord> instances = update.instances() == null ? List.of() : update.instances();
        List<DeploymentRecord> deployments = update.vllm_deployments() == null ? List.of() : update.vllm_deployments();
        instances.forEach(InfrastructureService::validate);
        deployments.forEach(d -> {
            if (d == null || d.id() == null || d.model() == null) {
                throw ApiException.badRequest("every deployment needs id and model");
            }
            Web.requireText(d.id(), "vllm_deployments[].id", MAX_ID_LENGTH);
        });
        SnapshotConsistency.check(instances, deployments);
        pg.inTransaction(c -> {
            Postgres.prepare(c, "UPDATE infrastructure SET status = ?, cloud_provider = COALESCE(?, cloud_provider), "
                    + "region = COALESCE(?, region), updated_at = now() WHERE customer_id = ?",
                    update.status(), update.cloud_provider(), update.region(), customerId).executeUpdate();
            Postgres.prepare(c, "DELETE FROM instances WHERE customer_id = ?", customerId).executeUpdate();
            Postgres.prepare(c, "DELETE FROM vllm_deployments WHERE customer_id = ?", customerId).executeUpdate();
            for (InstanceRecord i : instances) {
                Postgres.prepare(c, "INSERT INTO instances (customer_id, instance_id, instance_type, cloud, region, "
                        + "market, state, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)", customerId, i.id(),
                        i.instance_type(), i.cloud(), i.region(), i.market(), i.state(),
                        Json.write(i.details() == null ? Map.of() : i.details())).executeUpdate();
            }
            for (DeploymentRecord d : deployments) {
                Postgres.prepare(c, "INSERT INTO vllm_deployments (customer_id, deployment_id, model, details) "
                        + "VALUES (?, ?, ?, ?::jsonb)", customerId, d.id(), d.model(),
                        Json.write(d.details() == null ? Map.of() : d.details())).executeUpdate();
            }
            return null;
        });
        events.publish(customerId, "infrastructure_updated", "collector", Map.of("status", update.status(),
                "instances", instances.size(), "vllm_deployments", deployments.size()));
        if ("discovered".equals(update.status())) {
            onDiscovered.accept(customerId);
        }
    }

    private static void validate(InstanceRecord i) {
        if (i == null || i.id() == null || i.instance_type() == null || i.cloud() == null || i.region() == null
                || i.market() == null || i.state() == null) {
            throw ApiException.badRequest("every instance needs id, instance_type, cloud, region, market and state");
        }
        Web.requireText(i.id(), "instances[].id", MAX_ID_LENGTH);
    }

    private static Map<String, Object> withParsedDetails(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        JsonNode details = Json.read((String) row.get("details"));
        copy.put("details", details);
        return copy;
    }
}
