package com.astradesk.core.tool;

import com.astradesk.core.spi.ToolProvider;
import com.astradesk.core.spi.ToolProviderContext;
import java.util.List;
import java.util.Map;

/** Registered in the test {@code META-INF/services}; proves ServiceLoader discovery. */
public final class DiscoveredTestToolProvider implements ToolProvider {
    /** The greeting the context may carry. */
    public record Greeting(String text) {}

    @Override
    public List<Tool> tools(ToolProviderContext context) {
        String greeting = context.get(Greeting.class).map(Greeting::text).orElse("hello");
        return List.of(new FakeTool(
                ToolDescriptor.builder("discovered_echo")
                        .withDescription("test tool found by ServiceLoader")
                        .build(),
                call -> ToolResult.of(greeting, Map.of())));
    }
}
