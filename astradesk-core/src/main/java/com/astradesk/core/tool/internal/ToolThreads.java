package com.astradesk.core.tool.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.slf4j.LoggerFactory;

/**
 * The threads isolated tool bodies run on: a virtual thread per call on JDK 24+ (JEP 491: a tool blocking inside
 * {@code synchronized} no longer pins its carrier, so a misbehaving tool cannot starve the others), a cached pool of
 * daemon platform threads before. The SDK compiles for Java 17, so the virtual-thread API is looked up at run time.
 */
final class ToolThreads {
    /** The first feature release whose virtual threads do not pin inside {@code synchronized}. */
    static final int VIRTUAL_FROM = 24;

    private static final ExecutorService EXECUTOR = create(Runtime.version().feature());

    private ToolThreads() {}

    /** The shared executor (never shut down: its threads are daemons or virtual). */
    static ExecutorService executor() {
        return EXECUTOR;
    }

    /** Whether tool bodies run on virtual threads in this JVM. */
    static boolean virtual() {
        return !(EXECUTOR instanceof java.util.concurrent.ThreadPoolExecutor);
    }

    static ExecutorService create(int feature) {
        if (feature >= VIRTUAL_FROM) {
            try {
                return virtualPerTask();
            } catch (ReflectiveOperationException | RuntimeException e) {
                LoggerFactory.getLogger(ToolThreads.class)
                        .warn("virtual threads unavailable for tools; using platform threads: {}", e.toString());
            }
        }
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "astradesk-tool");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("astradesk-tool-", 0).factory())}. */
    private static ExecutorService virtualPerTask() throws ReflectiveOperationException {
        Class<?> virtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        builder = virtualType.getMethod("name", String.class, long.class).invoke(builder, "astradesk-tool-", 0L);
        ThreadFactory factory = (ThreadFactory)
                Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        return (ExecutorService) Executors.class
                .getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                .invoke(null, factory);
    }
}
