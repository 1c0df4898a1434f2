-- AstraDesk core schema: dialogues, hash-chained audits, the audit outbox and the pgvector knowledge base.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE dialogues (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id     text        NOT NULL UNIQUE,
    agent      text        NOT NULL,
    actor      text        NOT NULL,
    query      text        NOT NULL,
    answer     text        NOT NULL,
    meta       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dialogues_actor_recent_idx ON dialogues (actor, created_at DESC, id DESC);

-- payload is the canonical wire form (AuditChain.toWire) the hash is computed over.
-- prev_hash is unique so the chain can never fork, whatever a writer does.
CREATE TABLE audits (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   text        NOT NULL UNIQUE,
    ts         timestamptz NOT NULL,
    actor      text        NOT NULL,
    action     text        NOT NULL,
    decision   text        NOT NULL,
    run_id     text,
    payload    jsonb       NOT NULL,
    prev_hash  text UNIQUE,
    hash       text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audits_run_idx ON audits (run_id, id) WHERE run_id IS NOT NULL;

-- Transactional outbox: written with the run, relayed to NATS JetStream (subject astradesk.audit) later.
CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic        text        NOT NULL,
    message_id   text        NOT NULL UNIQUE,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL;

-- Knowledge chunks; acl = groups allowed to read, empty = public.
CREATE TABLE documents (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source         text        NOT NULL,
    chunk_index    integer     NOT NULL CHECK (chunk_index >= 0),
    chunk          text        NOT NULL,
    embedding      vector(384) NOT NULL,
    acl            text[]      NOT NULL DEFAULT '{}',
    content_sha256 text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source, chunk_index)
);
CREATE INDEX documents_embedding_hnsw_idx ON documents USING hnsw (embedding vector_cosine_ops)
    WITH (m = 16, ef_construction = 64);
CREATE INDEX documents_acl_idx ON documents USING gin (acl);
