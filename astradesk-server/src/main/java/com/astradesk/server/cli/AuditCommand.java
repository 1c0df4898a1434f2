package com.astradesk.server.cli;

import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.server.auditor.AuditVerifier;
import com.astradesk.server.auditor.AuditorSettings;
import com.astradesk.server.auditor.S3ArchiveConfig;
import com.astradesk.server.auditor.S3ArchiveSink;
import com.astradesk.server.auditor.VerificationResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code audit}: audit trail tools; {@code audit verify} checks the hash chain in Postgres and the S3 archive. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Audit trail tools.",
        subcommands = {AuditCommand.Verify.class, CommandLine.HelpCommand.class})
public final class AuditCommand implements Callable<Integer> {
    /** Exit code when a chain is broken. */
    public static final int EXIT_BROKEN = 1;

    @ParentCommand
    AstraDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return AstraDeskCommand.EXIT_CONFIG;
    }

    /**
     * {@code audit verify}: checks the chain in Postgres ({@code DATABASE_URL}) and in the S3 archive
     * ({@code S3_*}), and with both, each against the other; names every record found altered, removed or moved.
     * Exit 0 when every check holds, 1 when one fails, 2 when nothing can be checked.
     */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Check the audit hash chain in Postgres and in the S3 archive; name the first broken link.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        private AuditCommand audit;

        @Spec
        private CommandSpec spec;

        @Option(
                names = "--source",
                defaultValue = "all",
                description = "postgres, s3 or all (the configured ones). Default: ${DEFAULT-VALUE}.")
        private String source;

        @Option(
                names = "--day-prefix",
                defaultValue = "",
                description = "Only archive objects under this date prefix, e.g. 2026/11 or 2026/11/26.")
        private String dayPrefix;

        @Override
        public Integer call() {
            var env = audit.parent.env();
            String which = source.toLowerCase(Locale.ROOT);
            if (!List.of("all", "postgres", "s3").contains(which)) {
                throw new IllegalArgumentException("--source must be postgres, s3 or all; was '" + source + "'");
            }
            Optional<String> dbUrl =
                    Optional.ofNullable(env.get("DATABASE_URL")).filter(v -> !v.isBlank());
            Optional<S3ArchiveConfig> s3 = AuditorSettings.s3FromEnv(env);
            if (which.equals("postgres") && dbUrl.isEmpty()) {
                throw new IllegalArgumentException("--source postgres needs DATABASE_URL");
            }
            if (which.equals("s3") && s3.isEmpty()) {
                throw new IllegalArgumentException("--source s3 needs S3_BUCKET (and S3_* settings)");
            }
            Optional<PostgresConfig> db = which.equals("s3") ? Optional.empty() : dbUrl.map(PostgresConfig::of);
            List<VerificationResult> results = new ArrayList<>();
            if (which.equals("postgres") || s3.isEmpty()) {
                db.ifPresent(config -> results.add(AuditVerifier.verifyPostgres(config)));
            } else {
                try (S3ArchiveSink archive = new S3ArchiveSink(s3.get())) {
                    if (db.isPresent()) {
                        results.addAll(AuditVerifier.verifyPostgresAndArchive(db.get(), archive, dayPrefix));
                    } else {
                        results.add(AuditVerifier.verifyArchive(archive, dayPrefix));
                    }
                }
            }
            if (results.isEmpty()) {
                throw new IllegalArgumentException("nothing to verify: set DATABASE_URL and/or S3_BUCKET");
            }
            PrintWriter out = spec.commandLine().getOut();
            results.forEach(r -> out.println(r.describe()));
            out.flush();
            return results.stream().allMatch(VerificationResult::intact) ? 0 : EXIT_BROKEN;
        }
    }
}
