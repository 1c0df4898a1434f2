/**
 * Follow-up resolution in front of any planner ({@link com.astradesk.core.plan.followup.FollowUpPlanner}): a
 * request that only makes sense after the previous turn ("and for the last 6h?", "restart it", "payments-api"
 * after "Which service?") is planned from that turn's stored plan.
 */
package com.astradesk.core.plan.followup;
