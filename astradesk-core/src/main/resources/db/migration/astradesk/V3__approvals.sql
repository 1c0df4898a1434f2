-- Approvals of tool calls that need a human decision, shared by every replica. A decision is a conditional UPDATE
-- (state = 'pending' and not yet expired by the database clock), so of two concurrent decisions exactly one wins;
-- an approved step is let through once (executed_at set by a second conditional UPDATE).
CREATE TABLE approvals (
    id                text        PRIMARY KEY,
    tool              text        NOT NULL,
    arguments         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    requester_subject text        NOT NULL,
    requester_roles   text[]      NOT NULL DEFAULT '{}',
    requester_groups  text[]      NOT NULL DEFAULT '{}',
    requester_tenant  text,
    run_id            text        NOT NULL,
    request_id        text        NOT NULL,
    idempotency_key   text,
    language          text        NOT NULL DEFAULT 'EN',
    created_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL CHECK (expires_at > created_at),
    state             text        NOT NULL DEFAULT 'pending'
                                  CHECK (state IN ('pending', 'approved', 'rejected', 'expired')),
    decided_by        text,
    decided_at        timestamptz,
    reason            text,
    executed_at       timestamptz,
    CHECK (executed_at IS NULL OR state = 'approved')
);
CREATE INDEX approvals_pending_idx ON approvals (created_at, id) WHERE state = 'pending';
