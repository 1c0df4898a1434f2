package com.astradesk.server.auditor;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One alert rule from the configuration. Immutable and thread-safe; the Auditor's {@link AlertEvaluator}
 * holds the state (sliding windows).
 */
public sealed interface AlertRule {

    /** The rule's name, reported with each alert. */
    String name();

    /**
     * Fires on every denied call of a tool with one of these side effects (e.g. {@code execute}).
     *
     * @param name        rule name
     * @param sideEffects side-effect wire names
     */
    record DeniedSideEffect(String name, Set<String> sideEffects) implements AlertRule {
        public DeniedSideEffect {
            requireName(name);
            sideEffects = Set.copyOf(sideEffects);
            if (sideEffects.isEmpty()) {
                throw new IllegalArgumentException("rule " + name + ": side_effects must not be empty");
            }
        }
    }

    /**
     * Fires when one principal collects at least {@code threshold} denials within {@code window} (sliding, by
     * event time); the count starts again after it fires.
     *
     * @param name      rule name
     * @param threshold denials that trigger the alert (at least 1)
     * @param window    the sliding window
     */
    record DenialBurst(String name, int threshold, Duration window) implements AlertRule {
        public DenialBurst {
            requireName(name);
            if (threshold < 1) {
                throw new IllegalArgumentException("rule " + name + ": threshold must be at least 1");
            }
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("rule " + name + ": window must be positive");
            }
        }
    }

    /**
     * Fires when a watched call — one of {@code actions} (action or tool name, e.g. {@code restart_service}), or
     * any tool with one of {@code sideEffects} (e.g. {@code execute}) — is allowed and runs outside the allowed
     * window.
     *
     * @param name        rule name
     * @param actions     actions or tools watched
     * @param sideEffects side-effect wire names watched
     * @param allowed     when they may run
     */
    record OutsideWindow(String name, Set<String> actions, Set<String> sideEffects, AllowedWindow allowed)
            implements AlertRule {
        public OutsideWindow {
            requireName(name);
            actions = Set.copyOf(actions);
            sideEffects = Set.copyOf(sideEffects);
            if (actions.isEmpty() && sideEffects.isEmpty()) {
                throw new IllegalArgumentException("rule " + name + ": actions or side_effects must not be empty");
            }
            Objects.requireNonNull(allowed, "allowed");
        }

        /** A rule watching actions or tools by name. */
        public OutsideWindow(String name, Set<String> actions, AllowedWindow allowed) {
            this(name, actions, Set.of(), allowed);
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every alert rule needs a name");
        }
    }
}
