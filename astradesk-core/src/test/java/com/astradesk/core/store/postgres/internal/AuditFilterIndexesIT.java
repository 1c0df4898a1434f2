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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Migrations V5's and V7's indexes serve the filters of {@code GET /v1/audit}: on 200,000 rows where each filter's
 * rare value matches 0.5%, the planner reads each filter's index (not the whole table backwards), in a custom and in
 * a generic plan of the prepared statement (V7's partial indexes need their predicate in the SQL); a common value
 * (decision allowed, action agents.run) is read newest first along the primary key; and paging through a filter
 * with the cursor returns exactly its rows, newest first.
 */
class AuditFilterIndexesIT {
    private static final int ROWS = 200_000;
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
        // as in agent runs: odd rows are agents.run without a tool, even rows a tool call (action = tool);
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
                    + " CASE WHEN i % 200 = 11 THEN 'approval.approved' WHEN i % 2 = 1 THEN 'agents.run'"
                    + " WHEN i % 200 = 18 THEN 'restart_service' ELSE 'get_metrics' END AS action,"
                    + " CASE WHEN i % 200 = 13 THEN 'error' ELSE 'allowed' END AS decision,"
                    + " CASE WHEN i % 2 = 1 THEN NULL WHEN i % 200 = 18 THEN 'restart_service'"
                    + " ELSE 'get_metrics' END AS tool"
                    + " FROM generate_series(1, " + ROWS + ") AS i) rows");
            // as autovacuum does (autosummarize): summarize the BRIN index's page ranges
            h.execute("VACUUM ANALYZE audits");
        });
    }

    @AfterAll
    static void close() {
        stores.close();
        db.close();
    }

    static Stream<Arguments> filters() {
        Instant from = T0.plusSeconds(100_000);
        return Stream.of(
                Arguments.of(
                        "actor",
                        "audits_actor_idx",
                        (UnaryOperator<AuditQuery.Builder>) b -> b.withActor("user-7"),
                        1_000),
                Arguments.of(
                        "action",
                        "audits_action_rare_idx",
                        (UnaryOperator<AuditQuery.Builder>) b -> b.withAction("approval.approved"),
                        1_000),
                Arguments.of(
                        "decision",
                        "audits_decision_rare_idx",
                        (UnaryOperator<AuditQuery.Builder>) b -> b.withDecision(AuditDecision.ERROR),
                        1_000),
                Arguments.of(
                        "tool",
                        "audits_tool_idx",
                        (UnaryOperator<AuditQuery.Builder>) b -> b.withTool("restart_service"),
                        1_000),
                Arguments.of(
                        "time range",
                        "audits_ts_brin_idx",
                        (UnaryOperator<AuditQuery.Builder>)
                                b -> b.withFrom(from).withTo(from.plusSeconds(100)),
                        100));
    }

    /**
     * Each filter in a custom plan; decision and tool also in a generic plan, which must still prove their partial
     * indexes' predicates (action's and the time range's generic plans walk the primary key on this data, whose
     * four actions make {@code action = $1} look common, as with V5).
     */
    static Stream<Arguments> filtersInBothPlanModes() {
        return filters()
                .flatMap(f -> Stream.of("force_custom_plan", "force_generic_plan")
                        .filter(mode -> mode.equals("force_custom_plan")
                                || f.get()[0].equals("decision")
                                || f.get()[0].equals("tool"))
                        .map(mode -> Arguments.of(f.get()[0], f.get()[1], f.get()[2], f.get()[3], mode)));
    }

    @ParameterizedTest(name = "{0} ({4})")
    @MethodSource("filtersInBothPlanModes")
    void should_read_a_filtered_page_through_the_filters_index(
            String filter, String index, UnaryOperator<AuditQuery.Builder> with, int rows, String planCacheMode) {
        // given
        PostgresAuditLog.Statement statement =
                PostgresAuditLog.statement(with.apply(AuditQuery.builder()).build());

        // when
        String plan = plan(statement, planCacheMode);

        // then
        assertThat(plan).as("plan of the %s filter", filter).contains(index).doesNotContain("Seq Scan");
    }

    @Test
    void should_read_only_the_time_ranges_pages_through_the_brin_index() {
        // given: 100 rows in the middle of the table
        Instant from = T0.plusSeconds(100_000);
        PostgresAuditLog.Statement statement = PostgresAuditLog.statement(AuditQuery.builder()
                .withFrom(from)
                .withTo(from.plusSeconds(100))
                .build());

        // when
        String plan = jdbi.withHandle(h -> {
            var q = h.createQuery("EXPLAIN (ANALYZE, COSTS OFF) " + statement.sql());
            statement.binds().forEach(q::bind);
            return String.join("\n", q.mapTo(String.class).list());
        });

        // then: a few summarized ranges of 32 pages, not the table's ~12,000 pages
        Matcher blocks = Pattern.compile("Heap Blocks: lossy=(\\d+)").matcher(plan);
        assertThat(blocks.find()).as(plan).isTrue();
        assertThat(Integer.parseInt(blocks.group(1))).as(plan).isLessThanOrEqualTo(128);
    }

    static Stream<Arguments> commonValues() {
        return Stream.of(
                Arguments.of("action agents.run", (UnaryOperator<AuditQuery.Builder>) b -> b.withAction("agents.run")),
                Arguments.of("decision allowed", (UnaryOperator<AuditQuery.Builder>)
                        b -> b.withDecision(AuditDecision.ALLOWED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commonValues")
    void should_read_a_common_values_page_newest_first_along_the_primary_key(
            String filter, UnaryOperator<AuditQuery.Builder> with) {
        // given
        PostgresAuditLog.Statement statement =
                PostgresAuditLog.statement(with.apply(AuditQuery.builder()).build());

        // when
        String plan = plan(statement, "force_custom_plan");

        // then: no sort of the matching rows, no full scan
        assertThat(plan)
                .as("plan of the %s filter", filter)
                .contains("Index Scan Backward using audits_pkey on audits a")
                .doesNotContain("Seq Scan")
                .doesNotContain("Sort");
        assertThat(stores.auditLog()
                        .query(with.apply(AuditQuery.builder()).withLimit(50).build())
                        .entries())
                .hasSize(50);
    }

    /**
     * The plan of {@code statement} with its values bound as the code path binds them (custom plan), or, for
     * {@code force_generic_plan}, of the same SQL prepared with parameters: the plan a prepared statement falls back
     * to after five executions, chosen without the values.
     */
    private static String plan(PostgresAuditLog.Statement statement, String planCacheMode) {
        return jdbi.inTransaction(h -> {
            h.execute("SET LOCAL plan_cache_mode = " + planCacheMode);
            String explain = "EXPLAIN " + statement.sql();
            if (planCacheMode.equals("force_generic_plan")) {
                String sql = statement.sql();
                List<String> args = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (var bind : statement.binds().entrySet()) {
                    // the test's own values as literals: EXECUTE's arguments cannot be bound parameters here
                    args.add(
                            bind.getValue() instanceof Number
                                    ? bind.getValue().toString()
                                    : "'" + bind.getValue() + "'");
                    types.add(
                            bind.getValue() instanceof String
                                    ? "text"
                                    : bind.getValue() instanceof OffsetDateTime ? "timestamptz" : "bigint");
                    sql = sql.replaceAll("(?<!:):" + bind.getKey() + "\\b", "\\$" + args.size());
                }
                h.execute("PREPARE filtered(" + String.join(", ", types) + ") AS " + sql);
                explain = "EXPLAIN EXECUTE filtered(" + String.join(", ", args) + ")";
            }
            var q = h.createQuery(explain);
            if (!planCacheMode.equals("force_generic_plan")) {
                statement.binds().forEach(q::bind);
            }
            String plan = String.join("\n", q.mapTo(String.class).list());
            h.execute("DEALLOCATE ALL");
            return plan;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void should_page_through_exactly_the_filtered_rows_newest_first(
            String filter, String index, UnaryOperator<AuditQuery.Builder> with, int rows) {
        // given: 1,000 rows match each equality filter, 100 the time range
        List<Long> positions = new ArrayList<>();
        OptionalLong cursor = OptionalLong.empty();

        // when: pages of 200
        int pages = 0;
        do {
            AuditQuery.Builder b = with.apply(AuditQuery.builder()).withLimit(200);
            cursor.ifPresent(b::withBefore);
            AuditPage page = stores.auditLog().query(b.build());
            page.entries().stream().map(AuditEntry::position).forEach(positions::add);
            cursor = page.next();
            pages++;
        } while (cursor.isPresent() && pages < 20);

        // then
        assertThat(pages).isEqualTo((rows + 199) / 200);
        assertThat(positions).hasSize(rows).doesNotHaveDuplicates();
        assertThat(positions).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }
}
