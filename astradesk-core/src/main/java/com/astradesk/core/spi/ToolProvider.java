package com.astradesk.core.spi;

import com.astradesk.core.tool.Tool;
import java.util.List;

/**
 * Supplies tools to a {@link com.astradesk.core.tool.ToolRegistry}. Found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/com.astradesk.core.spi.ToolProvider}); needs a public no-arg
 * constructor. Backends the tools need come from the context.
 */
public interface ToolProvider {
    /** The tools this provider offers, built with what the context holds. */
    List<Tool> tools(ToolProviderContext context);
}
