package com.astradesk.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code logback.xml} loads without warnings. A warning makes logback print its status report on
 * stdout, which breaks {@code TOKEN=$(astradesk token ...)} (regression: a deprecated attribute did exactly that).
 */
class LogbackConfigTest {

    @Test
    void should_load_the_shipped_logback_configuration_without_warnings() throws Exception {
        // given
        URL config = LogbackConfigTest.class.getResource("/logback.xml");
        assertThat(config).isNotNull();
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);

        // when
        configurator.doConfigure(config);

        // then
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(s -> s.getLevel() >= Status.WARN)
                .extracting(Status::getMessage)
                .isEmpty();
        context.stop();
    }
}
