/** Implementation of follow-up resolution; not API. */
package com.astradesk.core.plan.followup.internal;
