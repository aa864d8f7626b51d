-- One rollout at a time per deployment (or per instance, for changes outside any deployment). The primary key makes
-- the busy check race-free: a row is inserted in the transaction that admits a rollout and deleted when it ends.
CREATE TABLE active_rollouts (
    customer_id     uuid        NOT NULL REFERENCES customers (id),
    resource        text        NOT NULL,
    optimization_id uuid        NOT NULL REFERENCES optimizations (id),
    started_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, resource)
);
CREATE INDEX active_rollouts_optimization_idx ON active_rollouts (optimization_id);
