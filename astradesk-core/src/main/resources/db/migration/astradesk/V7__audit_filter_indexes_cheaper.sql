-- Cheaper upkeep of V5's GET /v1/audit filter indexes: every appended audit row (two per agent run) paid five
-- btree entries; now it pays the actor's, plus the action's and tool's only for a tool call's row, plus the
-- decision's only for a decision other than allowed. The filters stay served (AuditFilterIndexesIT checks plans):
-- - decision, action: partial indexes over the rare values only. A filter on the common value (decision allowed,
--   action agents.run) matches most rows, so a page fills fast walking the primary key newest first. The query
--   (PostgresAuditLog.statement) repeats the partial predicate literally when the filter value is a rare one, so
--   the planner proves it even for a generic plan of the prepared statement.
-- - tool: agents.run rows have no tool; the index leaves out NULLs, which `payload->>'tool' = $1` proves by itself.
-- - ts grows with id (one writer appends in order), so a BRIN index (a few pages) serves the time range. Page
--   ranges appended since the last summary match every range (read whole): autosummarize has autovacuum
--   summarize each range once it fills; VACUUM does too.
DROP INDEX IF EXISTS audits_action_idx;
DROP INDEX IF EXISTS audits_decision_idx;
DROP INDEX IF EXISTS audits_tool_idx;
DROP INDEX IF EXISTS audits_ts_idx;
CREATE INDEX IF NOT EXISTS audits_action_rare_idx ON audits (action, id DESC) WHERE action <> 'agents.run';
CREATE INDEX IF NOT EXISTS audits_decision_rare_idx ON audits (decision, id DESC) WHERE decision <> 'allowed';
CREATE INDEX IF NOT EXISTS audits_tool_idx ON audits ((payload ->> 'tool'), id DESC)
    WHERE payload ->> 'tool' IS NOT NULL;
CREATE INDEX IF NOT EXISTS audits_ts_brin_idx ON audits USING brin (ts) WITH (pages_per_range = 32, autosummarize = on);
