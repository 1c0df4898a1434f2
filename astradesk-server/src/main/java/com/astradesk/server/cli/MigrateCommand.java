package com.astradesk.server.cli;

import com.astradesk.core.StoreException;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.server.config.AstraDeskConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code migrate}: applies the versioned database migrations shipped in the jar to {@code DATABASE_URL} and
 * prints how many ran. Exit codes: 0 done (also when the schema was already current), 2 no or bad
 * {@code DATABASE_URL}, 1 the database is unreachable or a migration failed.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Apply the database migrations to DATABASE_URL and print how many were applied.")
public final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    private AstraDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        AstraDeskConfig config = AstraDeskConfig.fromEnv(parent.env());
        LoggingSetup.apply(config.logging());
        var pg = CliDatabase.require(
                config, "migrate", "embedded mode keeps its state in memory and needs no migration");
        PrintWriter out = spec.commandLine().getOut();
        try {
            int applied = PostgresStores.migrate(pg);
            out.println(
                    applied == 0
                            ? "database schema is current; no migration applied"
                            : "applied " + applied + " migration(s); database schema is current");
            out.flush();
            return 0;
        } catch (StoreException e) {
            return CliDatabase.fail(spec, "migrate", e);
        }
    }
}
