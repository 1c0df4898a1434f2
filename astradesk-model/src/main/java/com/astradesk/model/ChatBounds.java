package com.astradesk.model;

/**
 * Bounds the gateway clamps every call's sampling parameters to, and the values used when a call names none.
 * Immutable.
 *
 * @param defaultTemperature used when a call names none ({@code MODEL_TEMPERATURE}, default 0.2)
 * @param maxTemperature     upper bound ({@code MODEL_MAX_TEMPERATURE}, default 1.0; the lower bound is 0)
 * @param maxTopP            upper bound of top_p ({@code MODEL_MAX_TOP_P}, default 1.0; lower bound 0.01)
 * @param maxTokens          upper bound of output tokens, also the default ({@code MODEL_MAX_TOKENS}, default 1024)
 */
public record ChatBounds(double defaultTemperature, double maxTemperature, double maxTopP, int maxTokens) {

    public ChatBounds {
        if (!(maxTemperature >= 0.0 && maxTemperature <= 2.0)) {
            throw new ModelConfigException("maxTemperature", "must be within 0..2, was " + maxTemperature);
        }
        if (!(defaultTemperature >= 0.0 && defaultTemperature <= maxTemperature)) {
            throw new ModelConfigException(
                    "defaultTemperature", "must be within 0.." + maxTemperature + ", was " + defaultTemperature);
        }
        if (!(maxTopP > 0.0 && maxTopP <= 1.0)) {
            throw new ModelConfigException("maxTopP", "must be within (0, 1], was " + maxTopP);
        }
        if (maxTokens < 1) {
            throw new ModelConfigException("maxTokens", "must be >= 1, was " + maxTokens);
        }
    }

    /** The documented defaults. */
    public static ChatBounds defaults() {
        return new ChatBounds(0.2, 1.0, 1.0, 1024);
    }
}
