-- Tickets of the built-in create_ticket / get_ticket tools (TICKETS_BACKEND=postgres, the default with a database).
-- Ids are TKT-<number>, numbers from a sequence shared by every replica. An idempotency key is unique per reporter,
-- so a replayed create returns the first ticket on any replica; rows without a key never conflict (NULLs differ).
CREATE SEQUENCE ticket_number_seq;

CREATE TABLE tickets (
    number          bigint      PRIMARY KEY DEFAULT nextval('ticket_number_seq'),
    title           text        NOT NULL,
    description     text        NOT NULL,
    priority        text        NOT NULL CHECK (priority IN ('low', 'medium', 'high')),
    status          text        NOT NULL DEFAULT 'open'
                                CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
    reporter        text        NOT NULL,
    idempotency_key text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tickets_reporter_idempotency_key_key UNIQUE (reporter, idempotency_key)
);
ALTER SEQUENCE ticket_number_seq OWNED BY tickets.number;
