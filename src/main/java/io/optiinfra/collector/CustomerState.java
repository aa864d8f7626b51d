package io.optiinfra.collector;

import java.util.List;

/**
 * What the collector remembers about one connected customer between ticks: whether discovery was announced, the
 * canonical snapshot last accepted by the orchestrator (PUT only when it changes) and the deployments to sample.
 * Only touched by the collector's single tick thread.
 */
final class CustomerState {
    private boolean announced;
    private String published;
    private List<String> deploymentIds = List.of();

    boolean announced() {
        return announced;
    }

    void markAnnounced() {
        announced = true;
    }

    /** True once a {@code discovered} snapshot reached the orchestrator. */
    boolean discovered() {
        return published != null;
    }

    /** Whether this canonical snapshot differs from the one last published (always true before the first). */
    boolean needsPublish(String canonical) {
        return !canonical.equals(published);
    }

    void published(String canonical) {
        published = canonical;
    }

    List<String> deploymentIds() {
        return deploymentIds;
    }

    void deploymentIds(List<String> ids) {
        deploymentIds = List.copyOf(ids);
    }
}
