package com.astradesk.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class AsyncLoggingTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> sink = new ListAppender<>();

    AsyncLoggingTest() {
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one org.slf4j.MDC writes to
        sink.setContext(context);
        sink.setName("LIST");
        sink.start();
        root.addAppender(sink);
    }

    @Test
    void should_wrap_each_root_appender_once_and_keep_every_event_with_its_mdc() {
        AsyncLogging.apply(root);
        AsyncLogging.apply(root);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).singleElement().isInstanceOf(AsyncAppender.class);
        assertThat(((AsyncAppender) appenders.get(0)).getAppender("LIST")).isSameAs(sink);

        // more events than the queue holds: callers wait for room instead of dropping
        int events = AsyncLogging.QUEUE_SIZE + 500;
        IntStream.range(0, events).forEach(i -> {
            MDC.put("request_id", "r" + i);
            root.warn("event {}", i);
            MDC.remove("request_id");
        });
        AsyncLogging.flush(root);

        assertThat(sink.list).hasSize(events);
        assertThat(sink.list.get(events - 1).getFormattedMessage()).isEqualTo("event " + (events - 1));
        assertThat(sink.list.get(7).getMDCPropertyMap()).containsEntry("request_id", "r7");
        assertThat(sink.list)
                .extracting(ILoggingEvent::getThreadName)
                .containsOnly(Thread.currentThread().getName());
    }
}
