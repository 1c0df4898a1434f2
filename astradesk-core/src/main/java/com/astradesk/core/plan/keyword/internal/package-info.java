/** Implementation of the keyword planner: folding, the phrase syntax, clauses, built-in extractors and rules. */
package com.astradesk.core.plan.keyword.internal;
