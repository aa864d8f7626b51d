package io.optiinfra.orchestrator.recommendations;

import io.optiinfra.common.ApiException;
import io.optiinfra.common.web.Web;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A recommendation as an agent files it (docs/internal-api.md), validated before it is stored. */
public record RecommendationInput(String type, String title, String risk_level, Double estimated_savings,
                                  Map<String, Object> estimated_improvement, Double confidence,
                                  List<String> affected_resources, Map<String, Object> details) {
    public static final Set<String> TYPES = Set.of("spot_migration", "instance_rightsizing", "reserved_instances",
            "kv_cache_optimization", "quantization", "batching_optimization", "gpu_consolidation",
            "idle_resource_cleanup", "cross_cloud_workload_placement");
    private static final Set<String> RISKS = Set.of("low", "medium", "high");

    public void validate() {
        if (type == null || !TYPES.contains(type)) {
            throw ApiException.badRequest("recommendation type must be one of " + TYPES);
        }
        Web.requireText(title, "title", 300);
        if (risk_level == null || !RISKS.contains(risk_level)) {
            throw ApiException.badRequest("risk_level must be one of " + RISKS);
        }
        if (estimated_savings == null || !Double.isFinite(estimated_savings) || estimated_savings < 0) {
            throw ApiException.badRequest("estimated_savings must be a finite, non-negative number");
        }
        if (confidence == null || confidence < 0 || confidence > 1) {
            throw ApiException.badRequest("confidence must be within 0..1");
        }
        if (affected_resources != null) {
            for (String resource : affected_resources) {
                Web.requireText(resource, "affected_resources[]", 200);
            }
        }
        RecommendationConsistency.check(this);
    }

    public List<String> resources() {
        return affected_resources == null ? List.of() : affected_resources.stream().sorted().toList();
    }
}
