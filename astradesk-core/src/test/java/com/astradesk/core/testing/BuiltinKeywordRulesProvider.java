package com.astradesk.core.testing;

import com.astradesk.core.spi.ToolProvider;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.tool.Tool;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Lets core's tests plan with the built-in tools' keyword rules, which live in {@code astradesk-tools} (core cannot
 * depend on it): contributes that module's rule file, read from the source tree, and no tool. Registered in the
 * test {@code META-INF/services}, so {@code KeywordPlanner.builder().build()} finds the rules in core's tests.
 */
public final class BuiltinKeywordRulesProvider implements ToolProvider {
    private static final Path RULES = Path.of(
            "..", "astradesk-tools", "src", "main", "resources", "com", "astradesk", "tools", "keyword-rules.json");

    @Override
    public List<Tool> tools(ToolProviderContext context) {
        return List.of();
    }

    @Override
    public List<URL> keywordRules() {
        if (!Files.isRegularFile(RULES)) {
            throw new IllegalStateException("core's tests read the built-in keyword rules from "
                    + RULES.toAbsolutePath() + "; run them from the astradesk-core module directory");
        }
        try {
            return List.of(RULES.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
