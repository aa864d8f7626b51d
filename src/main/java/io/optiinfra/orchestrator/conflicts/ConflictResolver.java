package io.optiinfra.orchestrator.conflicts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides how conflicting recommendations are resolved (SPEC §6), as a pure function of the recommendations and the
 * customer's priority order. Two recommendations conflict when they touch the same resources (or deployment).
 * They contradict when both rewrite the same capacity or market; spot vs reserved on the same instances can be split
 * (negotiate_hybrid); other contradictions go to the customer's priority order (prioritize_customer); overlapping
 * changes that do not contradict run one after the other (sequential_execution).
 */
public final class ConflictResolver {
    public enum Strategy { prioritize_customer, negotiate_hybrid, sequential_execution }

    public record Rec(String id, String agentType, String type, Set<String> resources, String deploymentId,
                      double savings) {}

    public record Decision(boolean conflictDetected, Strategy strategy, Rec chosen, List<Rec> executionOrder,
                           List<Rec> hybridPair) {}

    private static final Set<String> CAPACITY_CHANGES = Set.of("instance_rightsizing", "gpu_consolidation",
            "spot_migration", "cross_cloud_workload_placement");
    private static final Set<String> CAPACITY_REDUCTIONS = Set.of("instance_rightsizing", "gpu_consolidation");
    private static final Set<String> PERFORMANCE_TUNING = Set.of("kv_cache_optimization", "quantization",
            "batching_optimization");
    private static final Set<String> MARKET_SPLIT = Set.of("spot_migration", "reserved_instances");

    private ConflictResolver() {}

    public static Decision decide(List<Rec> recs, List<String> priorityOrder) {
        boolean overlap = false;
        boolean contradiction = false;
        boolean onlyMarketSplits = true;
        List<Rec> hybrid = null;
        for (int i = 0; i < recs.size(); i++) {
            for (int j = i + 1; j < recs.size(); j++) {
                Rec a = recs.get(i);
                Rec b = recs.get(j);
                if (!overlaps(a, b)) {
                    continue;
                }
                overlap = true;
                if (contradicts(a, b)) {
                    contradiction = true;
                    if (isMarketSplit(a, b)) {
                        hybrid = a.type().equals("spot_migration") ? List.of(a, b) : List.of(b, a);
                    } else {
                        onlyMarketSplits = false;
                    }
                }
            }
        }
        List<Rec> ranked = rank(recs, priorityOrder);
        if (!overlap) {
            return new Decision(false, null, null, ranked, null);
        }
        if (!contradiction) {
            return new Decision(true, Strategy.sequential_execution, null, ranked, null);
        }
        if (onlyMarketSplits && hybrid != null && recs.size() == 2) {
            return new Decision(true, Strategy.negotiate_hybrid, null, null, hybrid);
        }
        return new Decision(true, Strategy.prioritize_customer, ranked.get(0), null, null);
    }

    static boolean overlaps(Rec a, Rec b) {
        Set<String> shared = new HashSet<>(a.resources());
        shared.retainAll(b.resources());
        return !shared.isEmpty() || (a.deploymentId() != null && a.deploymentId().equals(b.deploymentId()));
    }

    static boolean contradicts(Rec a, Rec b) {
        if (isMarketSplit(a, b)) {
            return true;
        }
        if (CAPACITY_CHANGES.contains(a.type()) && CAPACITY_CHANGES.contains(b.type())) {
            return true;
        }
        return (CAPACITY_REDUCTIONS.contains(a.type()) && PERFORMANCE_TUNING.contains(b.type()))
                || (CAPACITY_REDUCTIONS.contains(b.type()) && PERFORMANCE_TUNING.contains(a.type()));
    }

    private static boolean isMarketSplit(Rec a, Rec b) {
        return !a.type().equals(b.type()) && MARKET_SPLIT.contains(a.type()) && MARKET_SPLIT.contains(b.type());
    }

    /** By the customer's priority of the recommending agent, then by savings, then by id (deterministic). */
    static List<Rec> rank(List<Rec> recs, List<String> priorityOrder) {
        List<Rec> ranked = new ArrayList<>(recs);
        ranked.sort(Comparator.<Rec>comparingInt(r -> rankOf(r.agentType(), priorityOrder))
                .thenComparing(Comparator.comparingDouble(Rec::savings).reversed())
                .thenComparing(Rec::id));
        return ranked;
    }

    private static int rankOf(String agentType, List<String> priorityOrder) {
        int index = priorityOrder.indexOf(agentType);
        return index < 0 ? priorityOrder.size() : index;
    }

    public static Map<String, Object> describe(Rec rec) {
        return Map.of("id", rec.id(), "type", rec.type(), "agent_type", rec.agentType(), "estimated_savings", rec.savings());
    }
}
