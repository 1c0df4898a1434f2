package com.astradesk.core.tool.internal;

import com.astradesk.core.tool.CallOutcome;
import java.util.List;
import java.util.Map;

/** Argument defaults from the schema, then validation against the tool's compiled JSON Schema. */
final class ValidationStage implements ToolStage {

    @Override
    public String name() {
        return "validation";
    }

    @Override
    public Verdict apply(Invocation invocation, Next next) {
        var tool = invocation.tool();
        Map<String, Object> args = ArgumentDefaults.apply(
                tool.descriptor().argumentsSchema(), invocation.call().arguments());
        var call = invocation.call().withArguments(args);
        List<String> problems = tool.schema().validate(args);
        if (!problems.isEmpty()) {
            return Verdict.failed(
                    call,
                    CallOutcome.INVALID_ARGUMENTS,
                    "invalid arguments for '" + tool.descriptor().name() + "': " + String.join("; ", problems));
        }
        return next.proceed(invocation.withCall(call));
    }
}
