package com.astradesk.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeQuery;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate} and {@code ingest} against the real PostgreSQL on loopback. */
class DatabaseCommandsIT {
    @TempDir
    Path home;

    private record Run(int code, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static String databaseUrl(PostgresConfig config) {
        String sep = config.jdbcUrl().contains("?") ? "&" : "?";
        String url = config.jdbcUrl() + sep + "user=" + config.user();
        return config.password().isEmpty() ? url : url + "&password=" + config.password();
    }

    @Test
    void should_migrate_once_then_report_the_schema_current() {
        try (TestDatabase db = TestServices.createDatabase("migrate")) {
            Map<String, String> env =
                    Map.of("ASTRADESK_HOME", home.toString(), "DATABASE_URL", databaseUrl(db.config()));

            Run first = run(env, "migrate");
            Run second = run(env, "migrate");

            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).containsPattern("applied [1-9]\\d* migration");
            assertThat(second.code()).isZero();
            assertThat(second.out()).contains("no migration applied");
        }
    }

    @Test
    void should_ingest_a_directory_with_an_acl_report_each_file_and_exit_1_when_one_fails() throws Exception {
        try (TestDatabase db = TestServices.createDatabase("ingest")) {
            // given
            Path kb = Files.createDirectories(home.resolve("kb"));
            Files.writeString(kb.resolve("vpn.md"), "# VPN\n\nReset the VPN password on the SSO page.\n");
            Files.writeString(kb.resolve("empty.md"), "");
            Map<String, String> env = Map.of(
                    "ASTRADESK_HOME", home.toString(),
                    "DATABASE_URL", databaseUrl(db.config()),
                    "EMBEDDING_MODEL", "hashing");

            // when
            Run first = run(env, "ingest", kb.toString(), "--acl", "sre,dba");
            Run again = run(env, "ingest", kb.resolve("vpn.md").toString(), "--acl", "sre,dba");

            // then
            assertThat(first.code()).as(first.out() + first.err()).isEqualTo(1);
            assertThat(first.out())
                    .containsPattern("ingested +vpn\\.md \\(1 chunks\\)")
                    .containsPattern("failed +empty\\.md: ")
                    .contains("1 ingested, 0 unchanged, 1 failed");
            assertThat(again.code()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).containsPattern("unchanged +vpn\\.md");
            try (PostgresStores stores = PostgresStores.open(db.config())) {
                var index = stores.knowledgeIndex(Embedder.hashing(384));
                assertThat(index.retrieve(new KnowledgeQuery("VPN password", Set.of("sre"), 5, 0.1)))
                        .extracting(c -> c.source())
                        .containsExactly("vpn.md");
                assertThat(index.retrieve(new KnowledgeQuery("VPN password", Set.of(), 5, 0.1)))
                        .isEmpty();
            }
        }
    }
}
