package io.optiinfra.orchestrator.optimizations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a running optimization knows: where it acts, and the instances it created (persisted, so a rollback after an
 * orchestrator restart still terminates them). One instance per optimization, used by one engine thread at a time.
 */
final class RolloutState {
    final UUID optimizationId;
    final UUID customerId;
    final CloudActions cloud;
    final Gate gate;
    final OptimizationStore store;
    private final List<String> created = new ArrayList<>();
    /** what each passed gate measured, by "step name:recommendation id", for that step's audit record */
    final Map<String, Gate.Checks> gateChecks = new ConcurrentHashMap<>();

    RolloutState(UUID optimizationId, UUID customerId, CloudActions cloud, Gate gate, OptimizationStore store,
                 List<String> alreadyCreated) {
        this.optimizationId = optimizationId;
        this.customerId = customerId;
        this.cloud = cloud;
        this.gate = gate;
        this.store = store;
        this.created.addAll(alreadyCreated);
    }

    void created(List<String> ids) {
        created.addAll(ids);
        store.saveCreatedInstances(optimizationId, created);
    }

    List<String> createdInstances() {
        return List.copyOf(created);
    }
}
