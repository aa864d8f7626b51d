-- Onboarding of a customer's runtime, the agent registry, task routing, recommendations and their validations.
CREATE TABLE onboarding (
    customer_id      uuid PRIMARY KEY REFERENCES customers (id),
    cloud_provider   text        NOT NULL,
    region           text        NOT NULL,
    iam_role_arn     text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('started', 'connected')),
    runtime_hostname text,
    runtime_version  text,
    connected_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agents (
    id             uuid PRIMARY KEY,
    agent_type     text        NOT NULL CHECK (agent_type IN ('cost', 'performance', 'resource', 'application')),
    version        text        NOT NULL,
    capabilities   text[]      NOT NULL DEFAULT '{}',
    hostname       text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('active', 'degraded', 'offline')),
    current_tasks  integer     NOT NULL DEFAULT 0,
    load           double precision NOT NULL DEFAULT 0,
    registered_at  timestamptz NOT NULL DEFAULT now(),
    last_heartbeat timestamptz NOT NULL DEFAULT now(),
    offline_at     timestamptz
);

CREATE TABLE agent_heartbeats (
    id            bigserial PRIMARY KEY,
    agent_id      uuid        NOT NULL REFERENCES agents (id),
    status        text        NOT NULL,
    current_tasks integer     NOT NULL,
    load          double precision NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_heartbeats_agent_idx ON agent_heartbeats (agent_id, id);

CREATE TABLE analyses (
    id           uuid PRIMARY KEY,
    customer_id  uuid        NOT NULL REFERENCES customers (id),
    agent_types  text[]      NOT NULL,
    status       text        NOT NULL CHECK (status IN ('started', 'completed', 'failed')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz
);

CREATE TABLE tasks (
    id            uuid PRIMARY KEY,
    analysis_id   uuid REFERENCES analyses (id),
    customer_id   uuid        NOT NULL REFERENCES customers (id),
    agent_type    text        NOT NULL,
    analysis_type text        NOT NULL,
    parameters    jsonb       NOT NULL DEFAULT '{}',
    status        text        NOT NULL CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'dead_lettered')),
    attempts      integer     NOT NULL DEFAULT 0,
    agent_id      uuid REFERENCES agents (id),
    completed_by  uuid REFERENCES agents (id),
    stream_id     text,
    error         text,
    result        jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    completed_at  timestamptz
);
CREATE INDEX tasks_customer_idx ON tasks (customer_id);
CREATE INDEX tasks_analysis_idx ON tasks (analysis_id);

CREATE TABLE recommendations (
    id                    uuid PRIMARY KEY,
    customer_id           uuid        NOT NULL REFERENCES customers (id),
    task_id               uuid REFERENCES tasks (id),
    agent_type            text        NOT NULL,
    type                  text        NOT NULL,
    title                 text        NOT NULL,
    status                text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'executing',
                                                                 'completed', 'failed', 'rolled_back')),
    risk_level            text        NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
    estimated_savings     double precision NOT NULL DEFAULT 0,
    estimated_improvement jsonb       NOT NULL DEFAULT '{}',
    confidence            double precision NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    affected_resources    text[]      NOT NULL DEFAULT '{}',
    details               jsonb       NOT NULL DEFAULT '{}',
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recommendations_customer_idx ON recommendations (customer_id, status);

CREATE TABLE validations (
    id                   bigserial PRIMARY KEY,
    recommendation_id    uuid        NOT NULL REFERENCES recommendations (id),
    agent_type           text        NOT NULL,
    approved             boolean     NOT NULL,
    reason               text        NOT NULL,
    baseline_established boolean,
    predicted_p95_ms     double precision,
    created_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (recommendation_id, agent_type)
);

CREATE TABLE quality_baselines (
    customer_id    uuid        NOT NULL REFERENCES customers (id),
    deployment_id  text        NOT NULL,
    baseline       double precision NOT NULL,
    samples        integer     NOT NULL,
    established_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, deployment_id)
);
