package com.astradesk.core.tool.internal;

import com.astradesk.core.coordination.LockHandle;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.CallOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tool's lock, when its descriptor declares a lock key: held from before the tool starts until its body
 * finishes (also past a timeout), so two calls with the same resolved key never overlap. The lock lives at most
 * the tool's timeout plus {@link #MARGIN} if its holder dies.
 */
final class LockStage implements ToolStage {
    static final Duration MARGIN = Duration.ofSeconds(30);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final LockService locks;

    LockStage(LockService locks) {
        this.locks = locks;
    }

    @Override
    public String name() {
        return "lock";
    }

    @Override
    public Verdict apply(Invocation invocation, Next next) {
        var descriptor = invocation.descriptor();
        if (descriptor.lockKey().isEmpty()) {
            return next.proceed(invocation);
        }
        String resource = resolve(descriptor.lockKey().get(), invocation.call().arguments());
        Optional<LockHandle> lock =
                locks.tryAcquire(resource, descriptor.timeout().plus(MARGIN));
        if (lock.isEmpty()) {
            return Verdict.failed(
                    invocation.call(),
                    CallOutcome.LOCKED,
                    invocation.call().language() == Language.PL
                            ? "'" + descriptor.name() + "' dla " + resource + " już trwa; spróbuj ponownie później"
                            : "'" + descriptor.name() + "' for " + resource
                                    + " is already in progress; try again later");
        }
        invocation.afterTool(lock.get()::close);
        return next.proceed(invocation);
    }

    /** The key with each {@code {argument}} replaced by the argument's value (empty when absent). */
    static String resolve(String template, Map<String, Object> arguments) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = arguments.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
