package com.astradesk.core.audit;

import com.astradesk.core.AstraDeskException;

/**
 * An audit event on the wire is not a valid v1 event (not JSON, a required field missing or of the wrong
 * type, an unknown schema version). Carries the offending field, when one is to blame.
 */
public final class AuditEventFormatException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public AuditEventFormatException(String field, String message) {
        super(message);
        this.field = field;
    }

    public AuditEventFormatException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The wire field at fault, or {@code ""} when the whole document is. */
    public String field() {
        return field;
    }
}
