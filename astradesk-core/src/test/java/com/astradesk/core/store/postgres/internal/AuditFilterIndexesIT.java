package com.astradesk.core.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditEntry;
import com.astradesk.core.audit.AuditPage;
import com.astradesk.core.audit.AuditQuery;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Migration V5's indexes serve the filters of {@code GET /v1/audit}: on 20,000 rows where each filter matches
 * 0.5%, the planner reads each filter's index (not the whole table backwards), and paging through a filter with
 * the cursor returns exactly its rows, newest first.
 */
class AuditFilterIndexesIT {
    private static final int ROWS = 20_000;
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static TestDatabase db;
    private static PostgresStores stores;
    private static Jdbi jdbi;

    @BeforeAll
    static void open() {
        db = TestServices.createDatabase("auditidx");
        stores = PostgresStores.open(db.config());
        jdbi = Jdbi.create(
                        db.config().jdbcUrl(), db.config().user(), db.config().password())
                .installPlugin(new PostgresPlugin());
        // one in 200 rows has actor user-7, action approval.approved, decision error, tool restart_service
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO audits (event_id, ts, actor, action, decision, payload, hash)"
                    + " SELECT 'ev-' || i, ts, actor, action, decision,"
                    + " jsonb_build_object('schema_version', 1, 'event_id', 'ev-' || i,"
                    + " 'ts', to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                    + " 'actor', actor, 'tenant', null, 'action', action, 'decision', decision, 'tool', tool,"
                    + " 'side_effect', null, 'args', '{}'::jsonb, 'request_id', null, 'trace_id', null,"
                    + " 'run_id', null, 'prev_hash', null, 'hash', md5('h' || i)),"
                    + " md5('h' || i)"
                    + " FROM (SELECT i, timestamptz '2026-12-01T00:00:00Z' + i * interval '1 second' AS ts,"
                    + " 'user-' || (i % 200) AS actor,"
                    + " CASE WHEN i % 200 = 11 THEN 'approval.approved' ELSE 'agents.run' END AS action,"
                    + " CASE WHEN i % 200 = 13 THEN 'error' ELSE 'allowed' END AS decision,"
                    + " CASE WHEN i % 200 = 17 THEN 'restart_service' ELSE 'get_metrics' END AS tool"
                    + " FROM generate_series(1, " + ROWS + ") AS i) rows");
            h.execute("ANALYZE audits");
        });
    }

    @AfterAll
    static void close() {
        stores.close();
        db.close();
    }

    static Stream<Arguments> filters() {
        Instant from = T0.plusSeconds(10_000);
        return Stream.of(
                Arguments.of(
                        "actor", "audits_actor_idx", (UnaryOperator<AuditQuery.Builder>) b -> b.withActor("user-7")),
                Arguments.of("action", "audits_action_idx", (UnaryOperator<AuditQuery.Builder>)
                        b -> b.withAction("approval.approved")),
                Arguments.of("decision", "audits_decision_idx", (UnaryOperator<AuditQuery.Builder>)
                        b -> b.withDecision(AuditDecision.ERROR)),
                Arguments.of("tool", "audits_tool_idx", (UnaryOperator<AuditQuery.Builder>)
                        b -> b.withTool("restart_service")),
                Arguments.of("time range", "audits_ts_idx", (UnaryOperator<AuditQuery.Builder>)
                        b -> b.withFrom(from).withTo(from.plusSeconds(100))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void should_read_a_filtered_page_through_the_filters_index(
            String filter, String index, UnaryOperator<AuditQuery.Builder> with) {
        // given
        PostgresAuditLog.Statement statement =
                PostgresAuditLog.statement(with.apply(AuditQuery.builder()).build());

        // when
        List<String> plan = jdbi.withHandle(h -> {
            var q = h.createQuery("EXPLAIN " + statement.sql());
            statement.binds().forEach(q::bind);
            return q.mapTo(String.class).list();
        });

        // then
        assertThat(String.join("\n", plan)).as("plan of the %s filter", filter).contains(index);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void should_page_through_exactly_the_filtered_rows_newest_first(
            String filter, String index, UnaryOperator<AuditQuery.Builder> with) {
        // given: 100 rows match each filter
        List<Long> positions = new ArrayList<>();
        OptionalLong cursor = OptionalLong.empty();

        // when: pages of 30
        int pages = 0;
        do {
            AuditQuery.Builder b = with.apply(AuditQuery.builder()).withLimit(30);
            cursor.ifPresent(b::withBefore);
            AuditPage page = stores.auditLog().query(b.build());
            page.entries().stream().map(AuditEntry::position).forEach(positions::add);
            cursor = page.next();
            pages++;
        } while (cursor.isPresent() && pages < 20);

        // then
        assertThat(pages).isEqualTo(4);
        assertThat(positions).hasSize(100).doesNotHaveDuplicates();
        assertThat(positions).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }
}
