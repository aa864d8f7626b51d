-- Core of the orchestrator: tenants, users, tokens, infrastructure and the audit trail.
CREATE TABLE customers (
    id             uuid PRIMARY KEY,
    company_name   text        NOT NULL,
    plan           text        NOT NULL CHECK (plan IN ('free', 'pro', 'enterprise')),
    priority_order text[]      NOT NULL DEFAULT ARRAY ['customer', 'performance', 'cost', 'resource'],
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    customer_id   uuid REFERENCES customers (id),
    email         text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('customer', 'admin')),
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Tokens for non-human callers: platform agents (customer_id NULL) and a customer's runtime.
CREATE TABLE agent_tokens (
    token       text PRIMARY KEY,
    customer_id uuid REFERENCES customers (id),
    kind        text        NOT NULL CHECK (kind IN ('platform_agent', 'customer_runtime')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE infrastructure (
    customer_id    uuid PRIMARY KEY REFERENCES customers (id),
    status         text        NOT NULL CHECK (status IN ('pending', 'discovering', 'discovered')),
    cloud_provider text,
    region         text,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE instances (
    customer_id   uuid  NOT NULL REFERENCES customers (id),
    instance_id   text  NOT NULL,
    instance_type text  NOT NULL,
    cloud         text  NOT NULL,
    region        text  NOT NULL,
    market        text  NOT NULL,
    state         text  NOT NULL,
    details       jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (customer_id, instance_id)
);

CREATE TABLE vllm_deployments (
    customer_id   uuid  NOT NULL REFERENCES customers (id),
    deployment_id text  NOT NULL,
    model         text  NOT NULL,
    details       jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (customer_id, deployment_id)
);

-- Audit trail: every state change, also published on the customer's Redis channel.
CREATE TABLE events (
    id          bigserial PRIMARY KEY,
    customer_id uuid,
    type        text        NOT NULL,
    source      text        NOT NULL,
    payload     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_customer_idx ON events (customer_id, id);
