package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.internal.CanonicalAuditJson;
import com.astradesk.core.json.Json;
import com.astradesk.core.memory.DialogueRecord;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.postgresql.util.PSQLException;

/**
 * A batch of runs — dialogues, chained audit records and the batch's one outbox row — written by <b>one</b> SQL
 * statement (data-modifying CTEs over {@code unnest} of array parameters, the JSON columns over
 * {@code jsonb_array_elements} of one JSON array each): one round trip however many runs, and atomic on its own, so with a known chain tail it needs no explicit transaction. Audit rows are inserted in chain order, so
 * their ids follow the chain, and the outbox row names them by that id range (V9: no copy of the payloads; the
 * relay reads them from {@code audits}).
 */
final class RunBatchStatement {
    /** The unique index that makes a fork of the audit chain impossible (V1 schema: {@code prev_hash UNIQUE}). */
    static final String PREV_HASH_CONSTRAINT = "audits_prev_hash_key";

    // The JSON columns travel as one JSON array each (jsonb_array_elements), not as text[] elements: the driver
    // would escape every quote and backslash of every payload into the array literal, and the texts are JSON
    // already. ROWS FROM zips the arrays and the JSON array by position, as a multi-argument unnest does.
    private static final String SQL = """
            WITH d AS (
              INSERT INTO dialogues (run_id, agent, actor, query, answer, meta, created_at, conversation_id)
              SELECT r, ag, ac, q, an, m, CAST(c AS timestamptz), cv
              FROM ROWS FROM (unnest(:dRun), unnest(:dAgent), unnest(:dActor), unnest(:dQuery), unnest(:dAnswer),
                              jsonb_array_elements(CAST(:dMeta AS jsonb)), unnest(:dCreated), unnest(:dConversation))
                   AS t(r, ag, ac, q, an, m, c, cv)
              ON CONFLICT (run_id) DO NOTHING
            ), a AS (
              INSERT INTO audits (event_id, ts, actor, action, decision, run_id, payload, prev_hash, hash)
              SELECT e, CAST(ts AS timestamptz), ac, act, dec, r, p, ph, h
              FROM ROWS FROM (unnest(:aEvent), unnest(:aTs), unnest(:aActor), unnest(:aAction), unnest(:aDecision),
                              unnest(:aRun), jsonb_array_elements(CAST(:aPayload AS jsonb)), unnest(:aPrev),
                              unnest(:aHash))
                   WITH ORDINALITY AS t(e, ts, ac, act, dec, r, p, ph, h, n)
              ORDER BY n
              RETURNING id
            )
            INSERT INTO outbox (topic, first_audit_id, last_audit_id)
            SELECT :topic, min(id), max(id) FROM a HAVING count(*) > 0""";

    private RunBatchStatement() {}

    /**
     * Chains {@code audits} after {@code tail} and writes everything in one statement.
     *
     * @return the audit records as stored (chained), in order
     */
    static List<AuditRecord> write(
            Handle h, List<DialogueRecord> dialogues, List<AuditRecord> audits, Optional<String> tail) {
        List<CanonicalAuditJson.Linked> chain = CanonicalAuditJson.linkAll(tail, audits);
        int n = chain.size();
        List<AuditRecord> linked = new ArrayList<>(n);
        List<String> event = new ArrayList<>(n);
        List<String> ts = new ArrayList<>(n);
        List<String> actor = new ArrayList<>(n);
        List<String> action = new ArrayList<>(n);
        List<String> decision = new ArrayList<>(n);
        List<String> run = new ArrayList<>(n);
        StringBuilder payload = new StringBuilder(512 * n + 2).append('[');
        List<String> prev = new ArrayList<>(n);
        List<String> hash = new ArrayList<>(n);
        for (CanonicalAuditJson.Linked l : chain) {
            AuditRecord r = l.record();
            linked.add(r);
            event.add(r.eventId());
            ts.add(r.ts().toString());
            actor.add(r.actor());
            action.add(r.action());
            decision.add(r.decision().wireName());
            run.add(r.runId().orElse(null));
            if (payload.length() > 1) {
                payload.append(',');
            }
            // a jsonb column: the hashed text plus the hash is the same value as Json.write(toWire(r))
            l.appendWireValue(payload);
            prev.add(r.prevHash().orElse(null));
            hash.add(r.hash().orElseThrow());
        }
        int m = dialogues.size();
        List<String> dRun = new ArrayList<>(m);
        List<String> dAgent = new ArrayList<>(m);
        List<String> dActor = new ArrayList<>(m);
        List<String> dQuery = new ArrayList<>(m);
        List<String> dAnswer = new ArrayList<>(m);
        StringBuilder dMeta = new StringBuilder(256 * m + 2).append('[');
        List<String> dCreated = new ArrayList<>(m);
        List<String> dConversation = new ArrayList<>(m);
        for (DialogueRecord d : dialogues) {
            dRun.add(d.runId());
            dAgent.add(d.agent());
            dActor.add(d.actor());
            dQuery.add(d.query());
            dAnswer.add(d.answer());
            if (dMeta.length() > 1) {
                dMeta.append(',');
            }
            dMeta.append(Json.write(d.meta()));
            dCreated.add(d.createdAt().toString());
            dConversation.add(d.conversationId());
        }
        h.createUpdate(SQL)
                .bindArray("dRun", String.class, dRun)
                .bindArray("dAgent", String.class, dAgent)
                .bindArray("dActor", String.class, dActor)
                .bindArray("dQuery", String.class, dQuery)
                .bindArray("dAnswer", String.class, dAnswer)
                .bind("dMeta", dMeta.append(']').toString())
                .bindArray("dCreated", String.class, dCreated)
                .bindArray("dConversation", String.class, dConversation)
                .bindArray("aEvent", String.class, event)
                .bindArray("aTs", String.class, ts)
                .bindArray("aActor", String.class, actor)
                .bindArray("aAction", String.class, action)
                .bindArray("aDecision", String.class, decision)
                .bindArray("aRun", String.class, run)
                .bind("aPayload", payload.append(']').toString())
                .bindArray("aPrev", String.class, prev)
                .bindArray("aHash", String.class, hash)
                .bind("topic", AuditRows.AUDIT_TOPIC)
                .execute();
        return linked;
    }

    /** Whether {@code e} (or a cause) says another writer extended the chain from the same tail first. */
    static boolean isChainConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p
                    && "23505".equals(p.getSQLState())
                    && p.getServerErrorMessage() != null
                    && PREV_HASH_CONSTRAINT.equals(p.getServerErrorMessage().getConstraint())) {
                return true;
            }
            if (t instanceof SQLException s && s.getNextException() != null && isChainConflict(s.getNextException())) {
                return true;
            }
        }
        return false;
    }
}
