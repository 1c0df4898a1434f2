package com.astradesk.core.tool;

import com.astradesk.core.policy.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the registry needs to know about a tool before running it. Immutable and thread-safe.
 *
 * @param name             wire name, {@code ^[a-z][a-z0-9_]{0,63}$}
 * @param description      one sentence for humans and for the LLM planner's prompt
 * @param argumentsSchema  JSON Schema (draft 2020-12) of the arguments object, as plain maps and lists
 * @param sideEffect       what the tool changes
 * @param allowedRoles     roles allowed to call it, lower-case; empty = any authenticated caller (read only)
 * @param idempotent       whether a repeat with the same arguments has no further effect
 * @param timeout          how long the registry lets one call run
 * @param lockKey          a lock the registry holds while the tool runs, as a template over the arguments
 *                         (e.g. {@code restart:{service}}): two calls with the same resolved key never overlap
 * @param approvalInProduction whether its calls wait for a human approval in production by default (see
 *                         {@link com.astradesk.core.approval.ApprovalPolicy#defaults}); deployments may override
 * @param execution        where the registry runs the body: {@link ToolExecution#ISOLATED} (default) or, for a tool
 *                         that cannot block past its timeout, {@link ToolExecution#INLINE} on the caller's thread
 */
public record ToolDescriptor(
        String name,
        String description,
        Map<String, Object> argumentsSchema,
        SideEffect sideEffect,
        Set<String> allowedRoles,
        boolean idempotent,
        Duration timeout,
        Optional<String> lockKey,
        boolean approvalInProduction,
        ToolExecution execution) {

    /** Pattern every tool name must match. */
    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");

    public ToolDescriptor {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new ToolRegistrationException(name, "tool name must match " + NAME.pattern());
        }
        Objects.requireNonNull(description, "description");
        argumentsSchema = Map.copyOf(Objects.requireNonNullElse(argumentsSchema, Map.of("type", "object")));
        Objects.requireNonNull(sideEffect, "sideEffect");
        allowedRoles = allowedRoles == null
                ? Set.of()
                : allowedRoles.stream()
                        .filter(Objects::nonNull)
                        .map(r -> r.trim().toLowerCase(java.util.Locale.ROOT))
                        .filter(r -> !r.isEmpty())
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ToolRegistrationException(name, "timeout must be positive");
        }
        lockKey = Objects.requireNonNullElse(lockKey, Optional.empty());
        if (lockKey.isPresent() && lockKey.get().isBlank()) {
            throw new ToolRegistrationException(name, "lock key must not be blank");
        }
        execution = Objects.requireNonNullElse(execution, ToolExecution.ISOLATED);
    }

    /** A descriptor whose body runs {@link ToolExecution#ISOLATED isolated}. */
    public ToolDescriptor(
            String name,
            String description,
            Map<String, Object> argumentsSchema,
            SideEffect sideEffect,
            Set<String> allowedRoles,
            boolean idempotent,
            Duration timeout,
            Optional<String> lockKey,
            boolean approvalInProduction) {
        this(
                name,
                description,
                argumentsSchema,
                sideEffect,
                allowedRoles,
                idempotent,
                timeout,
                lockKey,
                approvalInProduction,
                ToolExecution.ISOLATED);
    }

    /** A descriptor that needs no approval in production by default. */
    public ToolDescriptor(
            String name,
            String description,
            Map<String, Object> argumentsSchema,
            SideEffect sideEffect,
            Set<String> allowedRoles,
            boolean idempotent,
            Duration timeout,
            Optional<String> lockKey) {
        this(
                name,
                description,
                argumentsSchema,
                sideEffect,
                allowedRoles,
                idempotent,
                timeout,
                lockKey,
                false,
                ToolExecution.ISOLATED);
    }

    /** A descriptor without a lock key. */
    public ToolDescriptor(
            String name,
            String description,
            Map<String, Object> argumentsSchema,
            SideEffect sideEffect,
            Set<String> allowedRoles,
            boolean idempotent,
            Duration timeout) {
        this(
                name,
                description,
                argumentsSchema,
                sideEffect,
                allowedRoles,
                idempotent,
                timeout,
                Optional.empty(),
                false,
                ToolExecution.ISOLATED);
    }

    /** Starts a descriptor for the named tool; defaults: read, no roles, not idempotent, 10 s timeout, isolated. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Whether the principal may call this tool by its role list (argument-level rules are the policy's). */
    public boolean permits(Principal principal) {
        return allowedRoles.isEmpty() || principal.hasAnyRole(allowedRoles);
    }

    /** Fluent builder for {@link ToolDescriptor}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private Map<String, Object> schema = Map.of("type", "object");
        private SideEffect sideEffect = SideEffect.READ;
        private Set<String> roles = Set.of();
        private boolean idempotent;
        private Duration timeout = Duration.ofSeconds(10);
        private Optional<String> lockKey = Optional.empty();
        private boolean approvalInProduction;
        private ToolExecution execution = ToolExecution.ISOLATED;

        private Builder(String name) {
            this.name = name;
        }

        /** One sentence for humans and the LLM planner. */
        public Builder withDescription(String description) {
            this.description = description;
            return this;
        }

        /** JSON Schema of the arguments object, as plain maps and lists. */
        public Builder withArgumentsSchema(Map<String, Object> schema) {
            this.schema = schema;
            return this;
        }

        /** What the tool changes; write/execute tools must declare roles. */
        public Builder withSideEffect(SideEffect sideEffect) {
            this.sideEffect = sideEffect;
            return this;
        }

        /** Roles allowed to call the tool (any one suffices; case-insensitive). */
        public Builder withAllowedRoles(String... roles) {
            this.roles = new java.util.LinkedHashSet<>(java.util.Arrays.asList(roles));
            return this;
        }

        /** Roles allowed to call the tool (any one suffices; case-insensitive). */
        public Builder withAllowedRoles(Set<String> roles) {
            this.roles = roles;
            return this;
        }

        /** Whether a repeat with the same arguments has no further effect. */
        public Builder withIdempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /** How long one call may run (positive). */
        public Builder withTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * A lock the registry holds while the tool runs: a template whose {@code {argument}} placeholders are
         * replaced by the call's (validated) arguments, e.g. {@code restart:{service}}.
         */
        public Builder withLockKey(String template) {
            this.lockKey = Optional.of(Objects.requireNonNull(template, "template"));
            return this;
        }

        /** Whether calls wait for a human approval in production by default; default false. */
        public Builder withApprovalInProduction(boolean approvalInProduction) {
            this.approvalInProduction = approvalInProduction;
            return this;
        }

        /**
         * Where the registry runs the body; default {@link ToolExecution#ISOLATED}. Declare {@link
         * ToolExecution#INLINE} only for a tool that cannot block past its timeout.
         */
        public Builder withExecution(ToolExecution execution) {
            this.execution = Objects.requireNonNull(execution, "execution");
            return this;
        }

        /**
         * Builds the descriptor.
         *
         * @throws ToolRegistrationException when the name or timeout is invalid
         */
        public ToolDescriptor build() {
            return new ToolDescriptor(
                    name,
                    description,
                    schema,
                    sideEffect,
                    roles,
                    idempotent,
                    timeout,
                    lockKey,
                    approvalInProduction,
                    execution);
        }
    }
}
