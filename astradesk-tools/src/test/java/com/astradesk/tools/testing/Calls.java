package com.astradesk.tools.testing;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.spi.ToolProviders;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Principals, registries and calls shared by the tool tests. */
public final class Calls {
    public static final Principal IT_SUPPORT = Principal.of("alice", "it.support");
    public static final Principal SRE = Principal.of("sam", "sre");
    public static final Principal VIEWER = Principal.of("victor", "viewer");

    private Calls() {}

    /** A registry with every discovered tool, built the way the server builds it. */
    public static ToolRegistry registry(ToolProviderContext context) {
        return ToolRegistry.builder()
                .withTools(ToolProviders.discoveredTools(context))
                .build();
    }

    public static Principal principal(String role) {
        return switch (role) {
            case "it.support" -> IT_SUPPORT;
            case "sre" -> SRE;
            case "viewer" -> VIEWER;
            default -> throw new IllegalArgumentException(role);
        };
    }

    public static ToolCall call(String tool, Map<String, Object> args, Principal principal) {
        return call(tool, args, principal, Language.EN, Optional.empty());
    }

    public static ToolCall call(
            String tool, Map<String, Object> args, Principal principal, Language language, Optional<String> key) {
        String id = UUID.randomUUID().toString();
        return new ToolCall(tool, args, principal, "run-" + id, "req-" + id, key, language);
    }

    /** A call an agent planned for the question {@code question}. */
    public static ToolCall asked(
            String tool, Map<String, Object> args, Principal principal, Language language, String question) {
        return call(tool, args, principal, language, Optional.empty()).toBuilder()
                .withQuestion(question)
                .build();
    }
}
