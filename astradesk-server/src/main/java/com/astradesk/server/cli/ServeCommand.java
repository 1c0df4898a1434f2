package com.astradesk.server.cli;

import com.astradesk.core.redaction.Redactor;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.http.AstraDeskServer;
import com.astradesk.server.security.LogRedaction;
import com.astradesk.server.wiring.ServerWiring;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code serve}: runs the HTTP server until the process is stopped. Configuration comes from the environment. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run the HTTP server (configured from the environment; see the README's table).")
public final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    private AstraDeskCommand parent;

    /** For picocli. */
    public ServeCommand() {}

    /** For {@link AstraDeskCommand}'s default action. */
    public ServeCommand(AstraDeskCommand parent) {
        this.parent = parent;
    }

    @Override
    public Integer call() throws InterruptedException {
        AstraDeskConfig config = AstraDeskConfig.fromEnv(parent.env());
        // logs and trace attributes keep the same role mailboxes as stored dialogues and audit records
        LogRedaction.use(Redactor.standard(config.security().redaction()));
        return ServingProcess.run(
                config.logging(),
                config.logFormat(),
                () -> {
                    AstraDeskServer server = ServerWiring.wire(config).start();
                    return server::close;
                },
                "astradesk-shutdown");
    }
}
