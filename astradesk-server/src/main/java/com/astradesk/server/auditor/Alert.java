package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alert raised by a rule for one audit event. Immutable and thread-safe.
 *
 * @param rule    the rule's name
 * @param summary one human-readable sentence
 * @param event   the event that triggered it
 * @param firedAt when the Auditor raised it
 */
public record Alert(String rule, String summary, AuditRecord event, Instant firedAt) {

    /** The JSON body sent to webhooks (snake_case keys). */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", rule);
        m.put("summary", summary);
        m.put("event_id", event.eventId());
        m.put("ts", event.ts().toString());
        m.put("actor", event.actor());
        m.put("tenant", event.tenant().orElse(null));
        m.put("action", event.action());
        m.put("decision", event.decision().wireName());
        m.put("tool", event.tool().orElse(null));
        m.put("side_effect", event.sideEffect().orElse(null));
        m.put("run_id", event.runId().orElse(null));
        m.put("fired_at", firedAt.toString());
        return m;
    }
}
