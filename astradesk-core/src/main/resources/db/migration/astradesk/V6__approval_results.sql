-- What an approved step did when it ran, kept for its requester (who was not there when it ran): the outcome, the
-- tool's summary and data or the error, redacted as the audit keeps arguments. Written once, by a conditional UPDATE
-- after the step ran (approved, executed, no result yet); NULL for approvals decided before V6 and for a step whose
-- result could not be kept.
ALTER TABLE approvals ADD COLUMN result jsonb;
ALTER TABLE approvals ADD CONSTRAINT approvals_result_needs_execution CHECK (result IS NULL OR executed_at IS NOT NULL);
