/**
 * Evaluating a planner against a golden file ({@link com.astradesk.core.plan.eval.GoldenFile}): exact tool and
 * argument accuracy per intent and split, a confusion table, failed cases, unrequested side effects and latency.
 * Used by {@code astradesk eval} and the project's planner table test.
 */
package com.astradesk.core.plan.eval;
