package com.astradesk.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The model providers the gateway can talk to, by their {@code MODEL_PROVIDER} value. */
public enum ProviderKind {
    /** OpenAI's hosted API. */
    OPENAI,
    /** A vLLM server (or any other OpenAI-compatible endpoint) at {@code MODEL_BASE_URL}. */
    VLLM,
    /** An Ollama server (native API). */
    OLLAMA,
    /** AWS Bedrock (Converse API). */
    BEDROCK;

    /** The configuration value, e.g. {@code openai}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks up a provider by its configuration value (case-insensitive). */
    public static Optional<ProviderKind> fromWireName(String value) {
        return Arrays.stream(values())
                .filter(k -> k.wireName().equalsIgnoreCase(value.trim()))
                .findFirst();
    }

    /** The accepted configuration values, comma separated. */
    public static String accepted() {
        return Arrays.stream(values()).map(ProviderKind::wireName).collect(Collectors.joining(", "));
    }
}
