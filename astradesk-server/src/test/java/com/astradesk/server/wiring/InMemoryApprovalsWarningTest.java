package com.astradesk.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.server.config.AstraDeskConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Approvals kept in one process's memory are said plainly when some tool needs them. */
class InMemoryApprovalsWarningTest {
    private final RunJournal journal =
            RunJournal.inMemory(DialogueStore.inMemory(), AuditLog.inMemory(), AuditPublisher.inProcess());

    @Test
    void should_warn_that_approvals_in_memory_are_not_shared_when_a_tool_needs_one() {
        List<ILoggingEvent> logged = logged(Map.of("APPROVAL_REQUIRED_TOOLS", "restart_service"));

        assertThat(logged).anySatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("in this process's memory", "404 on another", "DATABASE_URL");
        });
    }

    @Test
    void should_only_inform_when_no_tool_needs_approval() {
        List<ILoggingEvent> logged = logged(Map.of());

        assertThat(logged).noneMatch(e -> e.getLevel() == Level.WARN);
        assertThat(logged).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("approvals: in memory"));
    }

    private List<ILoggingEvent> logged(Map<String, String> env) {
        Logger logger = (Logger) LoggerFactory.getLogger(SecurityWiring.class);
        Level previous = logger.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        logger.setLevel(Level.INFO); // the tests' logging configuration may keep INFO out
        try {
            SecurityWiring.approvals(
                    AstraDeskConfig.fromEnv(env).security(), journal, Optional.empty(), Redactor.standard());
        } finally {
            logger.setLevel(previous);
            logger.detachAppender(captured);
        }
        return List.copyOf(captured.list);
    }
}
