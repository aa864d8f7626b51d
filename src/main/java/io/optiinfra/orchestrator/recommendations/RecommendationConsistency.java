package io.optiinfra.orchestrator.recommendations;

import io.optiinfra.common.ApiException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a filed recommendation must agree with itself on (docs/internal-api.md, the execution hints in
 * {@code details}), checked before anything is stored: the rollout acts on {@code details}, the conflict rules on
 * {@code affected_resources}, so the two must describe the same change.
 * <ul>
 *   <li>{@code affected_resources} lists each resource once;</li>
 *   <li>{@code details.deployment_id}, when present, is a string;</li>
 *   <li>{@code details.instance_ids} / {@code instance_ids_to_remove}, when present, are lists of distinct ids, each
 *   also in {@code affected_resources} (a rollout must not touch an instance the conflict check never saw);</li>
 *   <li>{@code details.instance_count}, when present with {@code instance_ids}, is their number;</li>
 *   <li>gpu_consolidation: {@code current_count - target_count} is the number of instances it removes;</li>
 *   <li>cross_cloud_workload_placement: {@code estimated_savings} is {@code gross_savings - egress_cost_monthly}
 *   (within the cent each rounded figure may lose).</li>
 * </ul>
 */
final class RecommendationConsistency {
    private static final double CENTS = 0.02;

    private RecommendationConsistency() {}

    static void check(RecommendationInput rec) {
        List<String> affected = rec.affected_resources() == null ? List.of() : rec.affected_resources();
        if (new HashSet<>(affected).size() != affected.size()) {
            throw ApiException.badRequest("affected_resources[] lists a resource twice");
        }
        Map<String, Object> details = rec.details() == null ? Map.of() : rec.details();
        Object deployment = details.get("deployment_id");
        if (deployment != null && !(deployment instanceof String)) {
            throw ApiException.badRequest("details.deployment_id must be a string");
        }
        List<String> instances = ids(details, "instance_ids", affected);
        List<String> removed = ids(details, "instance_ids_to_remove", affected);
        if (details.containsKey("instance_count") && instances != null
                && count(details, "instance_count") != instances.size()) {
            throw ApiException.badRequest("details.instance_count is " + details.get("instance_count") + " but "
                    + "details.instance_ids names " + instances.size() + " instance(s)");
        }
        if ("gpu_consolidation".equals(rec.type()) && removed != null && details.containsKey("current_count")
                && details.containsKey("target_count")) {
            long current = count(details, "current_count");
            long target = count(details, "target_count");
            if (current - target != removed.size()) {
                throw ApiException.badRequest("gpu_consolidation from " + current + " to " + target + " instance(s) "
                        + "removes " + (current - target) + ", but details.instance_ids_to_remove names " + removed.size());
            }
        }
        if ("cross_cloud_workload_placement".equals(rec.type()) && details.containsKey("gross_savings")
                && details.containsKey("egress_cost_monthly")) {
            double net = number(details, "gross_savings") - number(details, "egress_cost_monthly");
            if (Math.abs(rec.estimated_savings() - net) > CENTS) {
                throw ApiException.badRequest("estimated_savings " + rec.estimated_savings() + " is not gross_savings "
                        + "minus egress_cost_monthly (" + net + "): placement savings are net of data transfer");
            }
        }
    }

    /** The ids under {@code key} (null when absent): distinct strings, each one of {@code affected}. */
    private static List<String> ids(Map<String, Object> details, String key, List<String> affected) {
        Object value = details.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw ApiException.badRequest("details." + key + " must be a list of instance ids");
        }
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object id : list) {
            if (!(id instanceof String s) || s.isBlank()) {
                throw ApiException.badRequest("details." + key + "[] must be instance ids (strings)");
            }
            if (!seen.add(s)) {
                throw ApiException.badRequest("details." + key + "[] names " + s + " twice");
            }
            if (!affected.contains(s)) {
                throw ApiException.badRequest("details." + key + "[] names " + s + ", which affected_resources[] "
                        + "does not");
            }
            ids.add(s);
        }
        return ids;
    }

    /** A count: a whole, non-negative JSON number. */
    private static long count(Map<String, Object> details, String key) {
        Object value = details.get(key);
        if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            if (n >= 0) {
                return n;
            }
        }
        throw ApiException.badRequest("details." + key + " must be a whole number, not negative");
    }

    private static double number(Map<String, Object> details, String key) {
        if (details.get(key) instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw ApiException.badRequest("details." + key + " must be a finite number");
    }
}
