package io.optiinfra.agents.shared;

import com.fasterxml.jackson.databind.JsonNode;
import io.optiinfra.agents.runtime.MalformedTask;
import io.optiinfra.common.Config;
import io.optiinfra.common.client.CloudSimClient;
import io.optiinfra.common.client.JsonHttp;
import io.optiinfra.common.client.JsonHttp.Reply;
import io.optiinfra.common.client.OrchestratorClient;
import io.optiinfra.store.ClickHouseMetrics;
import io.optiinfra.store.ClickHouseMetrics.Average;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the four agents read and write: orchestrator context and results, simulator prices/figures, ClickHouse. */
public final class AgentServices {
    private static final Logger LOG = LoggerFactory.getLogger(AgentServices.class);

    private final JsonHttp orchestrator;
    private final CloudSimClient cloud;
    private final ClickHouseMetrics metrics;

    public AgentServices(JsonHttp orchestrator, CloudSimClient cloud, ClickHouseMetrics metrics) {
        this.orchestrator = orchestrator;
        this.cloud = cloud;
        this.metrics = metrics;
    }

    /** ClickHouse is optional ({@code ch.url} unset): agents then use the simulator's current figures. */
    public static AgentServices fromConfig() {
        String chUrl = Config.get("ch.url", null);
        return new AgentServices(OrchestratorClient.forAgents(), CloudSimClient.fromConfig(),
                chUrl == null ? null : new ClickHouseMetrics(chUrl));
    }

    /** The customer's context; an unknown customer is a malformed task. */
    public CustomerContext context(String customerId) throws MalformedTask {
        Reply reply = orchestrator.get("/orchestrator/customers/" + customerId + "/context");
        if (reply.status() == 404 || reply.status() == 400) {
            throw new MalformedTask("unknown customer " + customerId + ": " + reply.body());
        }
        return CustomerContext.parse(customerId, reply.require("customer context"));
    }

    public PriceBook prices() {
        return PriceBook.fromCatalog(cloud.instanceTypes());
    }

    public EgressPrices egress() {
        return EgressPrices.fromCatalog(cloud.egress());
    }

    public WhatIf whatIf(String customerId, String deploymentId) {
        return changes -> Prediction.parse(cloud.predict(customerId, deploymentId, changes));
    }

    /** Recent figures of a deployment (ClickHouse average over {@code lookbackMinutes}, else the simulator's). */
    public Observed observed(String customerId, String deploymentId, int lookbackMinutes) {
        Map<String, Average> recent = recentAverages(customerId, deploymentId, lookbackMinutes);
        JsonNode live = Observed.complete(recent) ? null : cloud.deploymentMetrics(customerId, deploymentId);
        return Observed.of(recent, live);
    }

    private Map<String, Average> recentAverages(String customerId, String resourceId, int lookbackMinutes) {
        if (metrics == null) {
            return Map.of();
        }
        try {
            return metrics.recentAverages(customerId, resourceId,
                    Instant.now().minus(Duration.ofMinutes(lookbackMinutes)));
        } catch (RuntimeException e) {
            LOG.warn("ClickHouse unavailable ({}); using the simulator's current figures", e.getMessage());
            return Map.of();
        }
    }

    /** A recommendation by id; an unknown one is a malformed task. */
    public JsonNode recommendation(String recommendationId) throws MalformedTask {
        Reply reply = orchestrator.get("/orchestrator/recommendations/" + recommendationId);
        if (reply.status() == 404 || reply.status() == 400) {
            throw new MalformedTask("unknown recommendation " + recommendationId + ": " + reply.body());
        }
        return reply.require("recommendation");
    }

    public void postValidation(String recommendationId, Map<String, Object> validation) {
        orchestrator.post("/orchestrator/recommendations/" + recommendationId + "/validations", validation)
                .require("validation");
    }

    public List<Baseline> baselines(String customerId) {
        JsonNode rows = orchestrator.get("/orchestrator/baselines/" + customerId).require("baselines");
        List<Baseline> baselines = new ArrayList<>();
        rows.forEach(r -> baselines.add(new Baseline(r.path("deployment_id").asText(),
                r.path("baseline").asDouble(), r.path("samples").asLong())));
        return baselines;
    }

    public void putBaseline(String customerId, Baseline baseline) {
        orchestrator.put("/orchestrator/baselines/" + customerId + "/" + baseline.deploymentId(),
                Map.of("baseline", baseline.baseline(), "samples", baseline.samples())).require("baseline");
    }
}
