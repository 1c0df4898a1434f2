package com.astradesk.server.cli;

import com.astradesk.core.AstraDeskException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code astradesk} command line: {@code serve} (the default), {@code token}, {@code migrate},
 * {@code ingest}, {@code auditor}, {@code audit verify}, {@code eval} and {@code gateway}. A new subcommand is one class in this package
 * annotated with {@link Command} that reads the environment through its {@code @ParentCommand AstraDeskCommand}'s
 * {@link #env()}, listed in {@code subcommands} below. {@code server.Main} only starts it.
 */
@Command(
        name = "astradesk",
        mixinStandardHelpOptions = true,
        version = "AstraDesk server 0.1.0",
        description = "AstraDesk reference server. Without a subcommand, runs 'serve'.",
        subcommands = {
            ServeCommand.class,
            TokenCommand.class,
            MigrateCommand.class,
            IngestCommand.class,
            AuditorCommand.class,
            AuditCommand.class,
            EvalCommand.class,
            GatewayCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AstraDeskCommand implements Callable<Integer> {
    /** Exit code for a bad configuration or bad arguments. */
    public static final int EXIT_CONFIG = 2;

    private final Map<String, String> env;

    /** A command line reading this environment. */
    public AstraDeskCommand(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /**
     * Runs one command line against an environment, writing to the given streams.
     *
     * @return the exit code: 0 success, 2 bad configuration or usage, 1 any other failure
     */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        if (args.length == 0) {
            // the default action (what the quick start runs) without building the command line: picocli's classes
            // are Java 5 bytecode, which the class archive cannot hold, so the JVM would verify them the old way on
            // every start (about a tenth of a second of the main thread)
            try {
                return new AstraDeskCommand(env).call();
            } catch (Exception e) {
                return failed(e, err);
            }
        }
        CommandLine cmd = new CommandLine(new AstraDeskCommand(env));
        cmd.setOut(out).setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, commandLine.getErr()));
        return cmd.execute(args);
    }

    /** Reports a command's failure; returns its exit code. */
    private static int failed(Exception e, PrintWriter err) {
        boolean config = e instanceof AstraDeskException || e instanceof IllegalArgumentException;
        err.println("astradesk: " + e.getMessage());
        return config ? EXIT_CONFIG : 1;
    }

    /** The environment commands read their configuration from. */
    public Map<String, String> env() {
        return env;
    }

    @Override
    public Integer call() throws Exception {
        return new ServeCommand(this).call();
    }
}
