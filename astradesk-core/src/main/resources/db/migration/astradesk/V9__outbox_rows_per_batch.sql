-- One outbox row per written batch of audit records instead of one per record with a copy of its payload (issue 15):
-- the run journal's group-commit statement (the serial section of the server) inserted, per agent run, two outbox
-- rows with full jsonb copies of the audit payloads and their index entries. A row now names the audit rows it
-- covers by their id range [first_audit_id, last_audit_id]: one statement writes a batch's audit rows in chain order,
-- and no other writer's committed rows can fall between them (prev_hash UNIQUE lets only one of two concurrent chain
-- extensions commit, and the loser's ids are gaps). The relay's claim (outbox_claim below) expands a row into its
-- events by reading audits along the primary key: sequential, recently written, hot pages.
--
-- Rows written before this migration (message_id + payload, no range) stay valid and are still relayed, each as one
-- event. An event's archive sequence (the id the relay sends in Astradesk-Outbox-Id) is its audit row id for a range
-- row and the outbox row id for an old row; the audits id sequence is moved past the outbox's here, so the sequences
-- of events written after the upgrade are above every old row's.
ALTER TABLE outbox
    ALTER COLUMN message_id DROP NOT NULL,
    ALTER COLUMN payload DROP NOT NULL,
    ADD COLUMN first_audit_id bigint,
    ADD COLUMN last_audit_id bigint,
    ADD CONSTRAINT outbox_one_event_or_a_range CHECK (
        (first_audit_id IS NULL AND last_audit_id IS NULL AND message_id IS NOT NULL AND payload IS NOT NULL)
        OR (first_audit_id IS NOT NULL AND last_audit_id >= first_audit_id AND message_id IS NULL AND payload IS NULL));
-- nothing looks an outbox row up by message_id; a range row has none
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_message_id_key;

-- (the next audit id: above both sequences' last values; 1 on a new database)
SELECT setval(pg_get_serial_sequence('audits', 'id'),
              GREATEST(COALESCE(pg_sequence_last_value(pg_get_serial_sequence('outbox', 'id')::regclass), 0),
                       COALESCE(pg_sequence_last_value(pg_get_serial_sequence('audits', 'id')::regclass), 0)) + 1,
              false);

-- Claims up to p_limit pending events of topic p_topic, oldest rows first, in one round trip: walks the pending
-- rows in id order without locking them, locks each it takes (FOR UPDATE SKIP LOCKED: a row another claim holds
-- is skipped) and returns its events, read from audits along the primary key. Whole rows only: it stops before a
-- row whose id range could exceed what is left of p_limit, except for the first row, of which it returns the first
-- p_limit events and then a marker line (seq NULL, partial true): the caller splits that row. A claim never mixes
-- old single-event rows and range rows (their ids come from different sequences). A range row with no audit row
-- left in its range (the ids of a failed batch are gaps) comes back as one marker line (seq NULL, partial false),
-- so the caller deletes it.
CREATE FUNCTION outbox_claim(p_topic text, p_limit integer)
    RETURNS TABLE (row_id bigint, row_first bigint, row_last bigint, row_attempts integer, seq bigint,
                   message_id text, payload text, partial boolean)
    LANGUAGE plpgsql
    SET enable_sort = off
AS $$
DECLARE
    candidates CURSOR FOR
        SELECT o.id, o.first_audit_id, o.last_audit_id FROM outbox o
        WHERE o.published_at IS NULL AND o.topic = p_topic ORDER BY o.id;
    c record;
    r record;
    left_ integer := p_limit;
    n integer;
    ranges boolean;
BEGIN
    OPEN candidates;
    LOOP
        FETCH candidates INTO c;
        EXIT WHEN NOT FOUND;
        IF ranges IS NOT NULL AND (ranges <> (c.first_audit_id IS NOT NULL)
                OR (ranges AND c.last_audit_id - c.first_audit_id + 1 > left_)) THEN
            EXIT;
        END IF;
        SELECT o.id, o.first_audit_id, o.last_audit_id, o.attempts, o.message_id, o.payload::text AS payload
            INTO r FROM outbox o WHERE o.id = c.id AND o.published_at IS NULL FOR UPDATE SKIP LOCKED;
        CONTINUE WHEN NOT FOUND;
        IF r.first_audit_id IS NULL THEN
            ranges := false;
            RETURN QUERY SELECT r.id, NULL::bigint, NULL::bigint, r.attempts, r.id, r.message_id, r.payload, false;
            left_ := left_ - 1;
        ELSE
            ranges := true;
            RETURN QUERY SELECT r.id, r.first_audit_id, r.last_audit_id, r.attempts, a.id, a.event_id,
                                a.payload::text, false
                FROM audits a WHERE a.id BETWEEN r.first_audit_id AND r.last_audit_id ORDER BY a.id LIMIT left_;
            GET DIAGNOSTICS n = ROW_COUNT;
            IF n = 0 OR (n = left_ AND r.last_audit_id - r.first_audit_id + 1 > left_) THEN
                RETURN QUERY SELECT r.id, r.first_audit_id, r.last_audit_id, r.attempts, NULL::bigint, NULL::text,
                                    NULL::text, n > 0;
            END IF;
            left_ := left_ - n;
        END IF;
        EXIT WHEN left_ <= 0;
    END LOOP;
    CLOSE candidates;
END
$$;
