package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates {@link AlertRules} against each audit event and sends what fires to the channels. An event seen
 * again (re-delivery) raises nothing the second time. Thread-safe (evaluation is serialized).
 */
public final class AlertEvaluator {
    private final AlertRules rules;
    private final List<AlertChannel> channels;
    private final Clock clock;
    private final Cache<String, Boolean> seen =
            Caffeine.newBuilder().maximumSize(200_000).build();
    private final Map<String, Map<String, Deque<Instant>>> denials = new HashMap<>();

    /** An evaluator sending to the channels the rules name. */
    public AlertEvaluator(AlertRules rules) {
        this(rules, rules.channels(), Clock.systemUTC());
    }

    /** An evaluator sending to {@code channels} (tests, custom channels). */
    public AlertEvaluator(AlertRules rules, List<AlertChannel> channels, Clock clock) {
        this.rules = rules;
        this.channels = List.copyOf(channels);
        this.clock = clock;
    }

    /**
     * Evaluates one event and delivers the alerts it raises.
     *
     * @return the alerts raised (empty when none fired or the event was seen before)
     */
    public List<Alert> evaluate(AuditRecord event) {
        if (rules.rules().isEmpty()) {
            return List.of(); // nothing can fire: no need to remember the event (a synchronized cache write each)
        }
        List<Alert> fired;
        synchronized (this) {
            if (seen.asMap().putIfAbsent(event.eventId(), Boolean.TRUE) != null) {
                return List.of();
            }
            fired = new ArrayList<>();
            for (AlertRule rule : rules.rules()) {
                String summary = check(rule, event);
                if (summary != null) {
                    fired.add(new Alert(rule.name(), summary, event, clock.instant()));
                }
            }
        }
        for (Alert a : fired) {
            for (AlertChannel c : channels) {
                c.send(a);
            }
        }
        return fired;
    }

    private String check(AlertRule rule, AuditRecord e) {
        if (rule instanceof AlertRule.DeniedSideEffect r) {
            return e.decision() == AuditDecision.DENIED
                            && e.sideEffect().filter(r.sideEffects()::contains).isPresent()
                    ? "denied " + e.sideEffect().get() + " call of " + e.tool().orElse(e.action()) + " by " + e.actor()
                    : null;
        }
        if (rule instanceof AlertRule.DenialBurst r) {
            return burst(r, e);
        }
        AlertRule.OutsideWindow r = (AlertRule.OutsideWindow) rule;
        boolean watched = r.actions().contains(e.action())
                || e.tool().filter(r.actions()::contains).isPresent()
                || e.sideEffect().filter(r.sideEffects()::contains).isPresent();
        return e.decision() == AuditDecision.ALLOWED && watched && !r.allowed().contains(e.ts())
                ? e.tool().orElse(e.action()) + " by " + e.actor() + " at " + e.ts() + " outside the allowed window"
                : null;
    }

    private String burst(AlertRule.DenialBurst r, AuditRecord e) {
        if (e.decision() != AuditDecision.DENIED) {
            return null;
        }
        Deque<Instant> times = denials.computeIfAbsent(r.name(), k -> new HashMap<>())
                .computeIfAbsent(e.actor(), k -> new ArrayDeque<>());
        times.addLast(e.ts());
        Instant cutoff = e.ts().minus(r.window());
        times.removeIf(t -> t.isBefore(cutoff));
        if (times.size() >= r.threshold()) {
            times.clear();
            return r.threshold() + " or more denials for " + e.actor() + " within " + r.window();
        }
        return null;
    }
}
