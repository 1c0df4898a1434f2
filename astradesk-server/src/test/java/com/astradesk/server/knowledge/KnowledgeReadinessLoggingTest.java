package com.astradesk.server.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.server.health.Readiness;
import com.astradesk.server.health.ReadinessCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Start-up logs stay calm: readiness polls while the knowledge base loads log nothing; loading ends in one line. */
class KnowledgeReadinessLoggingTest {
    private static final List<Class<?>> LOGGERS = List.of(Readiness.class, KnowledgeBootstrap.class);

    @TempDir
    Path kb;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        captured.start();
        for (Class<?> type : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(type);
            logger.setLevel(Level.INFO);
            logger.setAdditive(false);
            logger.addAppender(captured);
        }
    }

    @AfterEach
    void release() {
        for (Class<?> type : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(type);
            logger.detachAppender(captured);
            logger.setAdditive(true);
            logger.setLevel(null);
        }
    }

    private List<String> lines() {
        return captured.list.stream()
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
    }

    /** An embedder whose model "loads" until {@code loaded} opens. */
    private static Embedder loadingUntil(CountDownLatch loaded) {
        Embedder hashing = Embedder.hashing(64);
        return new Embedder() {
            @Override
            public int dimension() {
                return 64;
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                try {
                    loaded.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return hashing.embedAll(texts);
            }
        };
    }

    @Test
    void should_log_nothing_per_readiness_poll_while_loading_and_one_line_when_ready() throws Exception {
        // given: a knowledge base still loading its model
        Files.writeString(kb.resolve("vpn.md"), "# VPN\nReconnect the VPN client, then sign in again.");
        CountDownLatch loaded = new CountDownLatch(1);
        Embedder embedder = loadingUntil(loaded);
        KnowledgeBootstrap bootstrap = new KnowledgeBootstrap(
                embedder,
                DocumentIngestor.builder(KnowledgeIndex.inMemory(embedder), embedder)
                        .build(),
                Optional.of(kb),
                Duration.ofSeconds(1));
        try (Readiness readiness = new Readiness(List.of(bootstrap.readinessCheck()), Duration.ofSeconds(2))) {
            bootstrap.start();

            // when: /readyz is polled while it loads, then it finishes
            for (int poll = 0; poll < 10; poll++) {
                assertThat(readiness.probe()).containsEntry("knowledge", false);
            }
            List<String> whileLoading = lines();
            loaded.countDown();
            assertThat(bootstrap.awaitDone(Duration.ofSeconds(30))).isTrue();
            for (int poll = 0; poll < 3; poll++) {
                assertThat(readiness.probe()).containsEntry("knowledge", true);
            }

            // then
            assertThat(whileLoading).isEmpty();
            assertThat(lines())
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .startsWith("INFO knowledge base ready in ")
                            .contains("model warm-up")
                            .contains("1 ingested"));
        } finally {
            bootstrap.close();
        }
    }

    @Test
    void should_log_a_failing_dependency_once_and_its_recovery_once() {
        // given
        AtomicBoolean up = new AtomicBoolean(false);
        ReadinessCheck database = new ReadinessCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public void probe() {
                if (!up.get()) {
                    throw new IllegalStateException("connection refused");
                }
            }
        };
        try (Readiness readiness = new Readiness(List.of(database), Duration.ofSeconds(2))) {
            // when: polled while down, then while up again
            for (int poll = 0; poll < 5; poll++) {
                assertThat(readiness.probe()).isEqualTo(Map.of("database", false));
            }
            up.set(true);
            for (int poll = 0; poll < 5; poll++) {
                assertThat(readiness.probe()).isEqualTo(Map.of("database", true));
            }

            // then
            assertThat(lines())
                    .containsExactly(
                            "WARN readiness check 'database' failed: java.lang.IllegalStateException: connection refused",
                            "INFO readiness check 'database' passes again");
        }
    }
}
