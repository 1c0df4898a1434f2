/**
 * Planning with a language model ({@link com.astradesk.core.plan.llm.LlmPlanner}) through the model gateway,
 * with a fallback planner for when the model is unavailable or its plan is invalid.
 */
package com.astradesk.core.plan.llm;
