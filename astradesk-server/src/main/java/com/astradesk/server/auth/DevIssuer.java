package com.astradesk.server.auth;

import com.astradesk.core.AstraDeskException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded-mode token issuer: an RSA key pair (persisted so the {@code serve} and {@code token} commands
 * share it), its public JWKS, and RS256 tokens minted on request. For development only: the server refuses to
 * run it when {@code ASTRADESK_ENV=production}. Thread-safe.
 */
public final class DevIssuer {
    /** The {@code iss} of every dev token. */
    public static final String ISSUER = "urn:astradesk:dev-issuer";
    /** The {@code aud} of every dev token. */
    public static final String AUDIENCE = "astradesk";
    /** Longest lifetime a dev token may have. */
    public static final Duration MAX_TTL = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(DevIssuer.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final RSAKey key;
    private final Clock clock;

    private DevIssuer(RSAKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** A fresh key pair held only in memory (tests, throw-away servers). */
    public static DevIssuer ephemeral() {
        return new DevIssuer(generate(), Clock.systemUTC());
    }

    /**
     * Loads the key pair from {@code keyFile}, creating it (mode 600, parent directories 700) on first use.
     *
     * @throws AstraDeskException when the file cannot be read, written or parsed
     */
    public static DevIssuer loadOrCreate(Path keyFile) {
        Objects.requireNonNull(keyFile, "keyFile");
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return new DevIssuer(read(keyFile), Clock.systemUTC());
        } catch (IOException e) {
            throw new AstraDeskException("cannot read or create the dev issuer key file " + keyFile, e);
        }
    }

    /** The public keys, as served at {@code /.well-known/jwks.json}. */
    public JWKSet publicJwkSet() {
        return new JWKSet(key.toPublicJWK());
    }

    /** The public keys as a nimbus source for {@link TokenVerifier}. */
    public JWKSource<SecurityContext> jwkSource() {
        return new ImmutableJWKSet<>(publicJwkSet());
    }

    /** The signing key's id. */
    public String keyId() {
        return key.getKeyID();
    }

    /**
     * Mints a token.
     *
     * @param subject the {@code sub}; not blank
     * @param roles   role names ({@code roles} claim)
     * @param groups  group names ({@code groups} claim)
     * @param ttl     lifetime, 1 s .. 7 days
     * @return the compact JWT
     * @throws IllegalArgumentException naming the bad parameter
     */
    public String mint(String subject, Collection<String> roles, Collection<String> groups, Duration ttl) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("sub must not be blank");
        }
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be between 1 second and 7 days");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject.trim())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", clean(roles))
                .claim("groups", clean(groups))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new AstraDeskException("dev issuer cannot sign a token", e);
        }
        return jwt.serialize();
    }

    private static List<String> clean(Collection<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .filter(Objects::nonNull)
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .distinct()
                .toList();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID("dev-" + UUID.randomUUID())
                    .generate();
        } catch (JOSEException e) {
            throw new AstraDeskException("cannot generate the dev issuer key pair", e);
        }
    }

    private static void create(Path keyFile) throws IOException {
        Path dir = keyFile.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        Path tmp = posix
                ? Files.createTempFile(dir, "jwk", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, "jwk", ".tmp");
        try {
            Files.writeString(tmp, generate().toJSONString(), StandardCharsets.UTF_8);
            Files.move(tmp, keyFile);
            LOG.info("created dev issuer key pair at {}", keyFile);
        } catch (FileAlreadyExistsException e) {
            // Another process created it first; use theirs.
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static RSAKey read(Path keyFile) throws IOException {
        if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
            if (!OWNER_ONLY.containsAll(perms)) {
                LOG.warn(
                        "dev issuer key file {} is readable by others (mode {}); use chmod 600",
                        keyFile,
                        PosixFilePermissions.toString(perms));
            }
        }
        try {
            JWK jwk = JWK.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
            if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate() || rsa.getKeyID() == null) {
                throw new AstraDeskException("dev issuer key file " + keyFile
                        + " does not hold a private RSA key with a kid; delete it to generate a new one");
            }
            return rsa;
        } catch (ParseException e) {
            throw new AstraDeskException(
                    "dev issuer key file " + keyFile + " is not a valid JWK; delete it to generate a new one", e);
        }
    }
}
