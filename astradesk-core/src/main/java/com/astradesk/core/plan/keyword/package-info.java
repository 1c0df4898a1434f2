/**
 * A planner without a model ({@link com.astradesk.core.plan.keyword.KeywordPlanner}): a table of
 * {@link com.astradesk.core.plan.keyword.IntentRule}s — trigger phrases in English and Polish, blocking phrases,
 * argument extractors — applied case- and diacritics-insensitively. It is the fallback of the LLM planner and
 * the planner of deployments without a model. Add your own rules through the builder.
 */
package com.astradesk.core.plan.keyword;
