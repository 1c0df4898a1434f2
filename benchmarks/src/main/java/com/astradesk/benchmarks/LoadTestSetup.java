package com.astradesk.benchmarks;

import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.IngestReport;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.server.config.KnowledgeConfig;
import com.astradesk.server.knowledge.Embedders;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Prepares a load-test run: a throw-away RS256 issuer ({@code jwks.json} with the public key only, served by
 * the load script on loopback), one-hour tokens for an SRE and a support user, and optionally the knowledge
 * base ingested into {@code DATABASE_URL} with the server's default embedder (all-MiniLM-L6-v2).
 *
 * <p>{@code java -cp benchmarks.jar com.astradesk.benchmarks.LoadTestSetup <outDir> <issuer> <audience> [kbDir]}
 */
public final class LoadTestSetup {
    private LoadTestSetup() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LoadTestSetup <outDir> <issuer> <audience> [kbDir]");
            System.exit(2);
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        String issuer = args[1];
        String audience = args[2];
        RSAKey key = new RSAKeyGenerator(2048).keyID("load-test").generate();
        Files.writeString(out.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("sre.token"), token(key, issuer, audience, "load-sre", "sre"));
        Files.writeString(out.resolve("support.token"), token(key, issuer, audience, "load-support", "support"));
        if (args.length > 3) {
            String url = System.getenv("DATABASE_URL");
            if (url == null || url.isBlank()) {
                throw new IllegalStateException("DATABASE_URL is required to ingest the knowledge base");
            }
            try (PostgresStores pg = PostgresStores.open(PostgresConfig.of(url))) {
                // the server's default embedder (EMBEDDING_MODEL=minilm): its queries must land in the same space
                Embedder embedder = Embedders.of(KnowledgeConfig.EmbeddingModel.MINILM);
                KnowledgeIndex index = pg.knowledgeIndex(embedder);
                IngestReport report =
                        DocumentIngestor.builder(index, embedder).build().ingest(Path.of(args[3]));
                System.out.println("ingested " + report.files().size() + " files; index size " + index.size());
            }
        }
    }

    private static String token(RSAKey key, String issuer, String audience, String subject, String role)
            throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .audience(audience)
                        .subject(subject)
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                        .claim("roles", List.of(role))
                        .claim("groups", List.of())
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
