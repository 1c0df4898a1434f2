package com.astradesk.core.agent.internal;

import com.astradesk.core.approval.ApprovalPolicy;
import com.astradesk.core.approval.ApprovalService;
import java.util.Optional;

/** An agent's approval settings: the service that parks calls and the policy that picks them. Immutable. */
record Approvals(Optional<ApprovalService> service, ApprovalPolicy policy) {
    static final Approvals NONE = new Approvals(Optional.empty(), ApprovalPolicy.none());
}
