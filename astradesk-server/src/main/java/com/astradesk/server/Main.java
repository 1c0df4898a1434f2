package com.astradesk.server;

import com.astradesk.server.cli.AstraDeskCommand;
import java.io.PrintWriter;
import java.util.Map;

/** The jar's entry point: runs the {@code astradesk} command line ({@link AstraDeskCommand}) and exits with its code. */
public final class Main {
    /** Exit code for a bad configuration or bad arguments. */
    public static final int EXIT_CONFIG = AstraDeskCommand.EXIT_CONFIG;

    private Main() {}

    /** Entry point: exits with the command's code once it returns. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs one command line against an environment, writing to the given streams.
     *
     * @return the exit code: 0 success, 2 bad configuration or usage, 1 any other failure
     */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        return AstraDeskCommand.run(args, env, out, err);
    }
}
