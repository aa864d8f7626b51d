-- Approved optimizations and their rollout steps, conflict resolutions, and the learning store.
CREATE TABLE optimizations (
    id                   uuid PRIMARY KEY,
    customer_id          uuid        NOT NULL REFERENCES customers (id),
    recommendation_ids   uuid[]      NOT NULL,
    kind                 text        NOT NULL,
    status               text        NOT NULL CHECK (status IN ('running', 'completed', 'rolling_back', 'rolled_back', 'failed')),
    progress             integer     NOT NULL DEFAULT 0,
    predicted_savings    double precision NOT NULL DEFAULT 0,
    original_state       jsonb       NOT NULL DEFAULT '{}',
    created_instance_ids text[]      NOT NULL DEFAULT '{}',
    result               jsonb,
    rollback             jsonb,
    started_at           timestamptz NOT NULL DEFAULT now(),
    completed_at         timestamptz
);
CREATE INDEX optimizations_customer_idx ON optimizations (customer_id, status);

CREATE TABLE optimization_steps (
    optimization_id   uuid        NOT NULL REFERENCES optimizations (id),
    seq               integer     NOT NULL,
    recommendation_id uuid        NOT NULL,
    name              text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'rolled_back', 'skipped')),
    detail            jsonb       NOT NULL DEFAULT '{}',
    started_at        timestamptz,
    completed_at      timestamptz,
    PRIMARY KEY (optimization_id, seq)
);

CREATE TABLE conflict_resolutions (
    id                  uuid PRIMARY KEY,
    customer_id         uuid        NOT NULL REFERENCES customers (id),
    recommendation_ids  uuid[]      NOT NULL,
    conflict_detected   boolean     NOT NULL,
    strategy            text        CHECK (strategy IN ('prioritize_customer', 'negotiate_hybrid', 'sequential_execution')),
    outcome             jsonb       NOT NULL,
    optimization_id     uuid REFERENCES optimizations (id),
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE optimization_outcomes (
    optimization_id     uuid PRIMARY KEY REFERENCES optimizations (id),
    customer_id         uuid        NOT NULL REFERENCES customers (id),
    recommendation_type text        NOT NULL,
    predicted_savings   double precision NOT NULL,
    actual_savings      double precision NOT NULL,
    success             boolean     NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);

-- A pattern vector per outcome (no pgvector here: real[] and cosine similarity computed in SQL).
CREATE TABLE learning_patterns (
    optimization_id     uuid PRIMARY KEY REFERENCES optimizations (id),
    recommendation_type text        NOT NULL,
    features            real[]      NOT NULL,
    success             boolean     NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);
