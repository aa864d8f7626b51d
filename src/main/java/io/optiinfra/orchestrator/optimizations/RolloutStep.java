package io.optiinfra.orchestrator.optimizations;

/** One named step of a rollout: what it does, and how to undo it if a later step or gate fails. */
record RolloutStep(String name, String recommendationId, Action run, Action undo) {

    @FunctionalInterface
    interface Action {
        void apply(RolloutState state);
    }

    static final Action NOTHING = state -> { };

    boolean undoable() {
        return undo != NOTHING;
    }
}
