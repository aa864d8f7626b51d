package io.optiinfra.agents.shared;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A vLLM deployment of the customer (context row; simulator fields come from {@code details}).
 * {@code dataTransferGbMonth}: GB/month that would cross clouds if it moved to another cloud.
 */
public record Deployment(String id, String model, String cloud, String region, String instanceType,
                         List<String> instanceIds, VllmSettings vllmConfig, String quantization, double sloP95Ms,
                         double loadRps, boolean interruptionTolerant, double dataTransferGbMonth) {
    public Deployment {
        instanceIds = List.copyOf(instanceIds);
    }

    /** A deployment without cross-cloud data transfer. */
    public Deployment(String id, String model, String cloud, String region, String instanceType,
                      List<String> instanceIds, VllmSettings vllmConfig, String quantization, double sloP95Ms,
                      double loadRps, boolean interruptionTolerant) {
        this(id, model, cloud, region, instanceType, instanceIds, vllmConfig, quantization, sloP95Ms, loadRps,
                interruptionTolerant, 0);
    }

    static Deployment parse(JsonNode row) {
        JsonNode d = row.path("details");
        List<String> ids = new ArrayList<>();
        d.path("instance_ids").forEach(i -> ids.add(i.asText()));
        return new Deployment(row.hasNonNull("id") ? row.get("id").asText() : d.path("id").asText(),
                row.hasNonNull("model") ? row.get("model").asText() : d.path("model").asText(null),
                d.path("cloud").asText(null), d.path("region").asText(null), d.path("instance_type").asText(null),
                ids, VllmSettings.parse(d.path("vllm_config")), d.path("quantization").asText("fp16"),
                d.path("slo_p95_ms").asDouble(Double.NaN), d.path("load_rps").asDouble(0),
                d.path("interruption_tolerant").asBoolean(false), d.path("data_transfer_gb_month").asDouble(0));
    }

    public boolean hasSlo() {
        return sloP95Ms > 0;
    }
}
