-- Indexes for the filters of GET /v1/audit (PostgresAuditLog.query): each equality filter is paired with the
-- cursor order (id DESC), so a page of one actor's, action's, decision's or tool's records is read newest first
-- from the index without a sort and without walking the whole chain; the time range has its own index.
-- On a large existing table these can be built first by hand with CREATE INDEX CONCURRENTLY and the same names:
-- IF NOT EXISTS then makes this migration a no-op.
CREATE INDEX IF NOT EXISTS audits_actor_idx ON audits (actor, id DESC);
CREATE INDEX IF NOT EXISTS audits_action_idx ON audits (action, id DESC);
CREATE INDEX IF NOT EXISTS audits_decision_idx ON audits (decision, id DESC);
CREATE INDEX IF NOT EXISTS audits_tool_idx ON audits ((payload ->> 'tool'), id DESC);
CREATE INDEX IF NOT EXISTS audits_ts_idx ON audits (ts, id);
