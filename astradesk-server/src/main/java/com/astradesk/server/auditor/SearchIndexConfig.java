package com.astradesk.server.auditor;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Elasticsearch/OpenSearch-compatible index lives. Immutable and thread-safe.
 *
 * @param url           the cluster URL, e.g. {@code http://opensearch:9200}
 * @param indexPrefix   index name prefix; events go to {@code <prefix><yyyy.MM>} (default
 *                      {@code astradesk-audit-})
 * @param authorization an {@code Authorization} header value ({@code ApiKey ...} or {@code Basic ...}); never
 *                      logged
 * @param timeout       per-request timeout
 */
public record SearchIndexConfig(URI url, String indexPrefix, Optional<String> authorization, Duration timeout) {

    /** Defaults for {@code url}: prefix {@code astradesk-audit-}, no auth, 10 s timeout. */
    public static SearchIndexConfig of(URI url) {
        return new SearchIndexConfig(url, "astradesk-audit-", Optional.empty(), Duration.ofSeconds(10));
    }

    public SearchIndexConfig {
        Objects.requireNonNull(url, "url");
        if (url.getScheme() == null
                || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException("search index URL must be http(s)");
        }
        if (indexPrefix == null
                || indexPrefix.isBlank()
                || !indexPrefix.equals(indexPrefix.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("search index prefix must be a non-blank lower-case name");
        }
        authorization = Objects.requireNonNullElse(authorization, Optional.empty());
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The index of an event: {@code <prefix><yyyy.MM>} of its time in UTC. */
    public String indexOf(AuditEvent event) {
        return indexPrefix + event.month();
    }

    /** A copy with another index prefix. */
    public SearchIndexConfig withIndexPrefix(String prefix) {
        return new SearchIndexConfig(url, prefix, authorization, timeout);
    }

    @Override
    public String toString() {
        return "SearchIndexConfig[url=" + url + ", indexPrefix=" + indexPrefix + ", authorization="
                + (authorization.isPresent() ? "***" : "none") + ", timeout=" + timeout + "]";
    }
}
