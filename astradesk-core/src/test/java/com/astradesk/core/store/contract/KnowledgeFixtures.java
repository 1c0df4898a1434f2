package com.astradesk.core.store.contract;

import com.astradesk.core.knowledge.DocumentChunk;
import com.astradesk.core.knowledge.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Chunks of real-ish support text for knowledge-index tests; deterministic for a seed. */
public final class KnowledgeFixtures {
    private static final String[][] TOPICS = {
        {"vpn", "VPN client", "GlobalConnect portal", "tunnel", "remote access", "VPN password"},
        {"printer", "printer queue", "toner", "paper jam", "follow-me printing", "badge release"},
        {"database", "PostgreSQL primary", "replica", "failover", "replication lag", "Patroni"},
        {"payments", "payments-api", "card authorisation", "checkout errors", "payment worker", "refund job"},
        {"gateway", "api-gateway", "upstream", "502 errors", "TLS certificate", "routing rule"},
        {"mfa", "authenticator app", "MFA push", "security key", "QR enrolment", "new phone"},
        {"laptop", "laptop onboarding", "disk encryption", "self-service portal", "first sync", "endpoint agent"},
        {"wifi", "office Wi-Fi", "guest network", "certificate check", "access point", "roaming"},
        {"oncall", "on-call rota", "pager", "handover", "secondary engineer", "escalation"},
        {"sso", "SSO password", "password reset", "account lockout", "passphrase", "session"},
    };
    private static final String[] VERBS = {
        "fails after",
        "needs a restart when",
        "is slow because of",
        "stops working during",
        "recovers after",
        "reports errors about",
        "must be checked before",
        "is configured by",
    };
    private static final String[] TAILS = {
        "the nightly maintenance window",
        "a configuration change",
        "a certificate renewal",
        "high load on Monday morning",
        "a network outage",
        "an expired password",
        "a new release",
        "a full disk on the host",
    };

    private KnowledgeFixtures() {}

    /** Topic names (one per cluster). */
    public static List<String> topics() {
        List<String> t = new ArrayList<>();
        for (String[] topic : TOPICS) {
            t.add(topic[0]);
        }
        return t;
    }

    /** A sentence about {@code topic}; unique thanks to {@code serial}. */
    public static String sentence(Random random, int topicIndex, int serial) {
        String[] topic = TOPICS[topicIndex % TOPICS.length];
        String subject = topic[1 + random.nextInt(topic.length - 1)];
        String other = topic[1 + random.nextInt(topic.length - 1)];
        return "The " + subject + " " + VERBS[random.nextInt(VERBS.length)] + " " + TAILS[random.nextInt(TAILS.length)]
                + "; check the " + other + " first (ticket TKT-" + serial + ").";
    }

    /** A query about {@code topic}. */
    public static String query(Random random, int topicIndex) {
        String[] topic = TOPICS[topicIndex % TOPICS.length];
        return "how to fix the " + topic[1 + random.nextInt(topic.length - 1)] + " that "
                + VERBS[random.nextInt(VERBS.length)] + " " + TAILS[random.nextInt(TAILS.length)];
    }

    /** {@code perSource} chunks of one source about one topic, embedded. */
    public static List<DocumentChunk> source(
            Embedder embedder,
            Random random,
            String source,
            int topicIndex,
            int perSource,
            Set<String> acl,
            int serialBase) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < perSource; i++) {
            texts.add(sentence(random, topicIndex, serialBase + i));
        }
        List<float[]> vectors = embedder.embedAll(texts);
        List<DocumentChunk> chunks = new ArrayList<>();
        for (int i = 0; i < perSource; i++) {
            chunks.add(new DocumentChunk(source, i, texts.get(i), acl, "sha-" + source, vectors.get(i)));
        }
        return chunks;
    }

    /** One embedded chunk. */
    public static DocumentChunk chunk(
            Embedder embedder, String source, int index, String text, Set<String> acl, String sha) {
        return new DocumentChunk(source, index, text, acl, sha, embedder.embed(text));
    }
}
