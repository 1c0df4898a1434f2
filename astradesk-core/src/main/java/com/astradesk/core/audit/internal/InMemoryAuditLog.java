package com.astradesk.core.audit.internal;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditEntry;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPage;
import com.astradesk.core.audit.AuditQuery;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.ChainStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Hash-chained audit log held in memory (embedded mode); a record's position is its index plus one. Thread-safe. */
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

    @Override
    public synchronized AuditPage query(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        List<AuditEntry> page = new ArrayList<>();
        int start = (int) Math.min(records.size(), query.before().orElse(Long.MAX_VALUE) - 1);
        int i = start - 1;
        for (; i >= 0 && page.size() < query.limit(); i--) {
            AuditRecord r = records.get(i);
            if (query.matches(r)) {
                page.add(new AuditEntry(i + 1L, r, status(i)));
            }
        }
        boolean more = page.size() == query.limit() && hasMatch(query, i);
        return new AuditPage(
                page, more ? OptionalLong.of(page.get(page.size() - 1).position()) : OptionalLong.empty());
    }

    private boolean hasMatch(AuditQuery query, int from) {
        for (int i = from; i >= 0; i--) {
            if (query.matches(records.get(i))) {
                return true;
            }
        }
        return false;
    }

    private ChainStatus status(int i) {
        Optional<String> predecessor =
                i == 0 ? Optional.empty() : records.get(i - 1).hash();
        boolean hasSuccessor = i + 1 < records.size();
        return ChainStatus.of(
                predecessor,
                records.get(i),
                hasSuccessor,
                hasSuccessor ? records.get(i + 1).prevHash() : Optional.empty());
    }
}
