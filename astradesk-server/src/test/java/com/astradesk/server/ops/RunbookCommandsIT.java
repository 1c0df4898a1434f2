package com.astradesk.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.server.RunningServer;
import com.astradesk.server.config.AstraDeskConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore-check commands of {@code docs/RUNBOOK.md}, taken from the document and run as written
 * (placeholders filled in) against the test PostgreSQL: {@code pg_dump} of a {@code jdbc:} {@code DATABASE_URL},
 * {@code createdb} + {@code pg_restore} into a scratch database, and {@code audit verify} of the shaded jar on the
 * restored database, which must find the audit chain intact with every record of the original, and a server started
 * on it with the restore check's environment; and the first log query, run on the JSON log of the jar started as a pod
 * starts it.
 */
class RunbookCommandsIT {
    private static final Path RUNBOOK = Path.of("..", "docs", "RUNBOOK.md");
    private static final Path JAR = Path.of("target", "astradesk-server.jar").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path work;

    @Test
    void should_back_up_restore_and_verify_the_audit_chain_with_the_runbooks_commands() throws Exception {
        String runbook = Files.readString(RUNBOOK, StandardCharsets.UTF_8);
        String backup = command(runbook, "pg_dump ");
        String restore = command(runbook, "createdb ");
        String verify = command(runbook, "DATABASE_URL=\"postgresql://");
        String restored = "astradesk_restore_" + UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase db = TestServices.createDatabase("runbook")) {
            // given: a database with audited runs
            String jdbcUrl = db.config().jdbcUrl() + (db.config().jdbcUrl().contains("?") ? "&" : "?") + "user="
                    + db.config().user()
                    + (db.config().password().isEmpty()
                            ? ""
                            : "&password=" + db.config().password());
            try (RunningServer server = new RunningServer(home, Map.of("DATABASE_URL", jdbcUrl))) {
                String token = server.token("sam", "sre");
                server.run(token, "ops", "show metrics for webapp");
                server.run(token, "ops", "Please restart payments-api");
            }
            long audits = count(db.config(), "SELECT count(*) FROM audits");
            assertThat(audits).isPositive();
            URI admin = URI.create(db.config().jdbcUrl().substring("jdbc:".length()));
            Map<String, String> env = new HashMap<>();
            env.put("DATABASE_URL", jdbcUrl);
            env.put("PGHOST", admin.getHost());
            env.put("PGPORT", Integer.toString(admin.getPort() < 0 ? 5432 : admin.getPort()));
            env.put("PGUSER", db.config().user());
            if (!db.config().password().isEmpty()) {
                env.put("PGPASSWORD", db.config().password());
            }

            try {
                // when: the nightly backup
                run(backup, env);
                Path dump;
                try (Stream<Path> files = Files.list(work)) {
                    dump = files.filter(
                                    p -> p.getFileName().toString().matches("astradesk-\\d{4}-\\d{2}-\\d{2}\\.dump"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("pg_dump wrote no astradesk-<date>.dump"));
                }

                // and: the restore check, steps 1 and 2
                run(
                        restore.replace("astradesk_restore", restored)
                                .replace(
                                        "astradesk-<date>.dump",
                                        dump.getFileName().toString()),
                        env);
                String output = run(
                        verify.replace("<user>", db.config().user())
                                .replace("<password>", db.config().password())
                                .replace("<host>", admin.getHost())
                                .replace("astradesk_restore", restored)
                                .replace("java -jar astradesk-server.jar", "java -jar " + JAR),
                        env);

                // then
                assertThat(output).contains("postgres: " + audits + " records, chain intact");

                // and: step 4, one server on the restored database with the runbook's environment
                Matcher url = Pattern.compile("DATABASE_URL=\"([^\"]+)\"").matcher(verify);
                assertThat(url.find()).as(verify).isTrue();
                String restoredUrl = url.group(1)
                        .replace("<user>", db.config().user())
                        .replace("<password>", db.config().password())
                        .replace("<host>", admin.getHost())
                        .replace("astradesk_restore", restored);
                assertThat(runbook).contains("`ASTRADESK_ENV=test`", "`TICKETS_BACKEND=memory`");
                try (RunningServer check = new RunningServer(
                        home,
                        Map.of("ASTRADESK_ENV", "test", "DATABASE_URL", restoredUrl, "TICKETS_BACKEND", "memory"))) {
                    int ready = 0;
                    for (int i = 0; i < 150 && ready != 200; i++) {
                        ready = check.http().get("/readyz", null).statusCode();
                        Thread.sleep(ready == 200 ? 0 : 200);
                    }
                    assertThat(ready).as("/readyz of the restore-check server").isEqualTo(200);
                    JsonNode run = check.run(check.token("sam", "sre"), "ops", "show metrics for webapp");
                    assertThat(RunningServer.step(run, "get_metrics")
                                    .path("status")
                                    .asText())
                            .as(run.toString())
                            .isEqualTo("ok");
                }
            } finally {
                dropDatabase(db.config(), restored);
            }
        }
    }

    @Test
    void should_pick_the_warnings_out_of_a_real_json_log_with_the_runbooks_first_query() throws Exception {
        // given: the runbook's query, without the kubectl part that needs a cluster
        String runbook = Files.readString(RUNBOOK, StandardCharsets.UTF_8);
        Matcher query = Pattern.compile("`kubectl logs deploy/astradesk-api-gateway \\| (jq [^`]+)`")
                .matcher(runbook);
        assertThat(query.find())
                .as("docs/RUNBOOK.md has the kubectl logs | jq query")
                .isTrue();

        // and: what a pod logs (stdout and stderr): the jar with LOG_FORMAT=json and, as the image and the Helm
        // chart set it, JAVA_TOOL_OPTIONS (the JVM announces it in a first line that is not JSON)
        Path log = work.resolve("pod.log");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toString(),
                        "serve")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment()
                .putAll(Map.of(
                        "JAVA_TOOL_OPTIONS", "-Xmx256m",
                        "LOG_FORMAT", "json",
                        "PORT", "0",
                        "BIND_ADDRESS", "127.0.0.1",
                        "ASTRADESK_HOME", home.toString(),
                        "KNOWLEDGE_DIR", home.resolve("no-such-kb").toString(),
                        "EMBEDDING_MODEL", "hashing",
                        "WEATHER_URL", "none"));
        Process server = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log).contains("listening on port") && System.nanoTime() < deadline) {
                assertThat(server.isAlive()).as(Files.readString(log)).isTrue();
                Thread.sleep(200);
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(log))
                .startsWith("Picked up JAVA_TOOL_OPTIONS")
                .contains("listening on port");

        // when
        String warnings = run(query.group(1) + " < " + log, Map.of());

        // then: every line it prints is a JSON warning or error, among them the embedded-mode warning
        List<String> lines = warnings.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(JSON.readTree(line).path("level").asText()).as(line).isIn("WARN", "ERROR");
        }
        assertThat(warnings).contains("embedded mode");
    }

    @Test
    void should_accept_the_environment_the_runbook_starts_a_restore_check_server_with() {
        AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of(
                "ASTRADESK_ENV", "test",
                "TICKETS_BACKEND", "memory",
                "DATABASE_URL", "postgresql://app:pw@db:5432/astradesk_restore"));

        assertThat(config.server().environment().name()).isEqualTo("TEST");
    }

    /** The first code span of the runbook that starts with {@code prefix}. */
    private static String command(String runbook, String prefix) {
        Matcher m = Pattern.compile("`(" + Pattern.quote(prefix) + "[^`]+)`").matcher(runbook);
        if (!m.find()) {
            throw new AssertionError("docs/RUNBOOK.md has no `" + prefix + "…` command");
        }
        return m.group(1);
    }

    private String run(String command, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "cmd", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String output = Files.readString(log);
        assertThat(p.exitValue()).as(command + "\n" + output).isZero();
        return output;
    }

    private static long count(PostgresConfig config, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void dropDatabase(PostgresConfig any, String name) throws SQLException {
        PostgresConfig admin = TestServices.postgresAdmin();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
