package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.StoreException;
import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.store.postgres.PostgresStores;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Turns driver, pool and Jdbi errors into {@link StoreException}s naming the store. */
public final class PgErrors {
    private PgErrors() {}

    /** The exception to throw for {@code e} raised while doing {@code what}. */
    public static StoreException translate(String what, Throwable e) {
        if (e instanceof StoreException se) {
            return se;
        }
        SQLException sql = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return unavailable(what, t);
            }
            if (t instanceof SQLException s) {
                if (isUnavailable(s.getSQLState())) {
                    return unavailable(what, s);
                }
                sql = sql == null ? s : sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String detail = sql != null ? sql.getMessage() : String.valueOf(e.getMessage());
        return new StoreException(PostgresStores.NAME, what + " failed: " + detail, e);
    }

    private static StoreUnavailableException unavailable(String what, Throwable cause) {
        return new StoreUnavailableException(
                PostgresStores.NAME, "database unavailable during " + what + ": " + cause.getMessage(), cause);
    }

    /** Connection errors (08), insufficient resources (53), shutdown (57P), invalid authorization (28). */
    private static boolean isUnavailable(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("53")
                        || state.startsWith("57P")
                        || state.startsWith("28"));
    }
}
