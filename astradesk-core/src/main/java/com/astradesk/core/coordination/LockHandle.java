package com.astradesk.core.coordination;

/** A held lock. Closing releases it only if this holder still owns it. */
public interface LockHandle extends AutoCloseable {
    /** The locked resource. */
    String resource();

    /** Releases the lock if still owned; never throws. */
    @Override
    void close();
}
