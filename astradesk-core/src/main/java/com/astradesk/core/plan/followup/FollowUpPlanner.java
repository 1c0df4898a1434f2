package com.astradesk.core.plan.followup;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.plan.ConversationTurn;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.plan.followup.internal.FollowUps;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves follow-ups from the previous turn of a conversation, in front of another planner. The request is
 * first planned as it stands; only when that plans no step and the request continues a conversation is it read
 * as a follow-up of the previous turn ({@link PlanningRequest#previousTurn()}):
 *
 * <ol>
 *   <li><b>an answer to a clarifying question</b> — the previous turn asked ("Which service?") and this one is a
 *       short answer ("payments-api"): the previous request and the answer are planned together;
 *   <li><b>a reference</b> — "restart it", "zrestartuj go": the pronoun is replaced by the previous step's
 *       target (service, city, ticket) and the request planned again;
 *   <li><b>an ellipsis</b> — "and for the last 6h?", "what about auth-service?", "a teraz dla webapp": the
 *       previous turn's read-only step is planned again with the arguments this request names (a side effect is
 *       never repeated by ellipsis; it needs its verb).
 * </ol>
 *
 * Every resolved plan comes from the wrapped planner or repeats a stored read-only step with new arguments, so
 * policy, approvals and argument validation apply exactly as for a request written out in full. Thread-safe when
 * the wrapped planner is.
 *
 * <pre>{@code
 * Planner planner = FollowUpPlanner.builder().withPlanner(keywordPlanner).withServiceCatalog(catalog).build();
 * }</pre>
 */
public final class FollowUpPlanner implements Planner {
    private final Planner delegate;
    private final FollowUps followUps;

    private FollowUpPlanner(Planner delegate, ServiceCatalog catalog) {
        this.delegate = delegate;
        this.followUps = new FollowUps(catalog);
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Plan plan(PlanningRequest request) {
        Objects.requireNonNull(request, "request");
        Plan standalone = delegate.plan(request);
        Optional<ConversationTurn> previous = request.previousTurn();
        if (!standalone.steps().isEmpty() || previous.isEmpty()) {
            return standalone;
        }
        return followUps.resolve(request, previous.get(), delegate).orElse(standalone);
    }

    /** Builder of a {@link FollowUpPlanner}. Not thread-safe. */
    public static final class Builder {
        private Planner planner;
        private ServiceCatalog catalog = ServiceCatalog.defaults();

        private Builder() {}

        /** The planner that plans every request and every resolved follow-up (required). */
        public Builder withPlanner(Planner planner) {
            this.planner = Objects.requireNonNull(planner, "planner");
            return this;
        }

        /** The services a follow-up may name ("what about auth-service?"); default {@link ServiceCatalog#defaults()}. */
        public Builder withServiceCatalog(ServiceCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * Builds the planner.
         *
         * @throws IllegalStateException when no planner was given
         */
        public FollowUpPlanner build() {
            if (planner == null) {
                throw new IllegalStateException("planner: call withPlanner(...)");
            }
            return new FollowUpPlanner(planner, catalog);
        }
    }
}
