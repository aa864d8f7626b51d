package io.optiinfra.orchestrator.optimizations;

import io.optiinfra.orchestrator.recommendations.Recommendation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One part of an optimization: a recommendation as filed, or a plan derived from it (the spot/reserved hybrid of a
 * conflict resolution, which also carries out the recommendations it {@code covers}).
 */
public record PlannedChange(Recommendation source, String type, Map<String, Object> details, double estimatedSavings,
                            List<Recommendation> covers) {

    public static PlannedChange of(Recommendation recommendation) {
        return new PlannedChange(recommendation, recommendation.type(), recommendation.details(),
                recommendation.estimatedSavings(), List.of());
    }

    public UUID id() {
        return source.id();
    }

    /** Every recommendation this change carries out (its status follows the optimization). */
    public List<Recommendation> recommendations() {
        List<Recommendation> all = new ArrayList<>();
        all.add(source);
        all.addAll(covers);
        return all;
    }

    public String deploymentId() {
        Object dep = details.get("deployment_id");
        return dep == null ? null : dep.toString();
    }

    /**
     * What must not be changed by two rollouts at once: the deployment, or (for changes outside any deployment, such
     * as idle cleanup) each instance touched.
     */
    public Set<String> busyKeys() {
        Set<String> keys = new LinkedHashSet<>();
        if (deploymentId() != null) {
            keys.add("deployment:" + deploymentId());
        } else {
            source.affectedResources().forEach(r -> keys.add("instance:" + r));
        }
        return keys;
    }
}
