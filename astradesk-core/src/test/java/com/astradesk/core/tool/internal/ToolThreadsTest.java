package com.astradesk.core.tool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ToolThreadsTest {

    @Test
    void should_use_daemon_platform_threads_before_jdk_24() throws Exception {
        // given
        ExecutorService executor = ToolThreads.create(21);

        // when
        Thread thread = executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);

        // then
        assertThat(executor).isInstanceOf(ThreadPoolExecutor.class);
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("astradesk-tool");
        executor.shutdown();
    }

    @Test
    void should_use_virtual_threads_from_jdk_24_when_the_runtime_has_them() throws Exception {
        // given
        boolean runtimeHasVirtualThreads = Runtime.version().feature() >= ToolThreads.VIRTUAL_FROM;

        // when
        ExecutorService executor = ToolThreads.create(ToolThreads.VIRTUAL_FROM);
        Thread thread = executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);

        // then: virtual on a 24+ runtime, the platform pool (not a failure) on an older one
        assertThat(executor instanceof ThreadPoolExecutor).isNotEqualTo(runtimeHasVirtualThreads);
        assertThat(thread.getName()).startsWith("astradesk-tool");
        executor.shutdown();
    }
}
