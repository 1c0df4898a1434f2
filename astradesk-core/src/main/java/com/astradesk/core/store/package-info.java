/**
 * Storage adapters behind the core ports, each in its own sub-package with optional dependencies:
 * {@code store.postgres} (dialogues, audit log, run journal, pgvector knowledge index) and
 * {@code store.redis} (locks, work queues). Failures surface as {@link com.astradesk.core.StoreException}
 * and {@link com.astradesk.core.StoreUnavailableException}, naming the store.
 */
package com.astradesk.core.store;
