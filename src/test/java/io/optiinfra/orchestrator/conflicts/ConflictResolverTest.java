package io.optiinfra.orchestrator.conflicts;

import io.optiinfra.orchestrator.conflicts.ConflictResolver.Decision;
import io.optiinfra.orchestrator.conflicts.ConflictResolver.Rec;
import io.optiinfra.orchestrator.conflicts.ConflictResolver.Strategy;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Set;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

public class ConflictResolverTest {
    private static final List<String> DEFAULT_ORDER = List.of("customer", "performance", "cost", "resource");

    private static Rec rec(String id, String agent, String type, double savings, String... resources) {
        return new Rec(id, agent, type, Set.of(resources), "dep-1", savings);
    }

    @Test
    public void recommendationsOnDifferentDeploymentsDoNotConflict() {
        Rec a = new Rec("a", "cost", "spot_migration", Set.of("i-1"), "dep-1", 100);
        Rec b = new Rec("b", "performance", "kv_cache_optimization", Set.of("dep-2"), "dep-2", 0);
        Decision decision = ConflictResolver.decide(List.of(a, b), DEFAULT_ORDER);
        assertFalse(decision.conflictDetected());
        assertNull(decision.strategy());
    }

    @Test
    public void overlappingButCompatibleChangesRunSequentiallyInPriorityOrder() {
        Decision decision = ConflictResolver.decide(List.of(rec("s", "cost", "spot_migration", 90_000, "i-1"),
                rec("k", "performance", "kv_cache_optimization", 0, "dep-1")), DEFAULT_ORDER);
        assertTrue(decision.conflictDetected());
        assertEquals(decision.strategy(), Strategy.sequential_execution);
        assertEquals(decision.executionOrder().stream().map(Rec::id).toList(), List.of("k", "s"));
    }

    @Test
    public void spotVersusReservedOnTheSameInstancesIsNegotiatedAsAHybrid() {
        Decision decision = ConflictResolver.decide(List.of(rec("r", "cost", "reserved_instances", 50_000, "i-1"),
                rec("s", "cost", "spot_migration", 90_000, "i-1")), DEFAULT_ORDER);
        assertEquals(decision.strategy(), Strategy.negotiate_hybrid);
        assertEquals(decision.hybridPair().get(0).id(), "s");
        assertEquals(decision.hybridPair().get(1).id(), "r");
    }

    @Test
    public void contradictionsAreDecidedByTheCustomersPriorityThenSavings() {
        List<Rec> threeWay = List.of(rec("rs", "cost", "instance_rightsizing", 39_000, "i-1"),
                rec("gc", "resource", "gpu_consolidation", 24_000, "i-1"),
                rec("sp", "cost", "spot_migration", 30_000, "i-1"));
        Decision costFirst = ConflictResolver.decide(threeWay, List.of("cost", "resource", "performance", "customer"));
        Decision resourceFirst = ConflictResolver.decide(threeWay, List.of("resource", "cost", "performance", "customer"));
        assertEquals(costFirst.strategy(), Strategy.prioritize_customer);
        assertEquals(costFirst.chosen().id(), "rs");
        assertEquals(resourceFirst.chosen().id(), "gc");
    }

    @Test
    public void capacityCutVersusPerformanceTuningContradicts() {
        Decision decision = ConflictResolver.decide(List.of(rec("rs", "cost", "instance_rightsizing", 10, "i-1"),
                rec("q", "performance", "quantization", 0, "dep-1")), DEFAULT_ORDER);
        assertEquals(decision.strategy(), Strategy.prioritize_customer);
        assertEquals(decision.chosen().id(), "q");
    }

    @Test
    public void tiesAreBrokenDeterministically() {
        List<Rec> tie = List.of(rec("b", "cost", "instance_rightsizing", 10, "i-1"),
                rec("a", "cost", "spot_migration", 10, "i-1"));
        assertEquals(ConflictResolver.decide(tie, DEFAULT_ORDER).chosen().id(), "a");
        assertEquals(ConflictResolver.decide(List.of(tie.get(1), tie.get(0)), DEFAULT_ORDER).chosen().id(), "a");
    }
}
