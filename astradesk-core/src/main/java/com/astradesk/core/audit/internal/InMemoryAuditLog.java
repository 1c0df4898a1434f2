package com.astradesk.core.audit.internal;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hash-chained audit log held in memory (embedded mode). Thread-safe. */
public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized List<AuditRecord> append(List<AuditRecord> batch) {
        Optional<String> prev = records.isEmpty()
                ? Optional.empty()
                : records.get(records.size() - 1).hash();
        List<AuditRecord> linked = AuditChain.linkAll(prev, batch);
        records.addAll(linked);
        return linked;
    }

    @Override
    public synchronized List<AuditRecord> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        return List.copyOf(records.subList(Math.max(0, records.size() - limit), records.size()));
    }

    @Override
    public synchronized List<AuditRecord> forRun(String runId) {
        return records.stream()
                .filter(r -> r.runId().filter(runId::equals).isPresent())
                .toList();
    }
}
