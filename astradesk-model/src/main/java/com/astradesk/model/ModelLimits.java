package com.astradesk.model;

/**
 * Size limits the gateway enforces on every call. Immutable.
 *
 * @param maxMessages    messages per conversation ({@code MODEL_MAX_MESSAGES}, default 50)
 * @param maxInputChars  characters of the whole conversation ({@code MODEL_MAX_INPUT_CHARS}, default 32000)
 * @param maxOutputChars characters of an answer; longer answers are cut ({@code MODEL_MAX_OUTPUT_CHARS}, default 16000)
 */
public record ModelLimits(int maxMessages, int maxInputChars, int maxOutputChars) {

    public ModelLimits {
        if (maxMessages < 1) {
            throw new ModelConfigException("maxMessages", "must be >= 1, was " + maxMessages);
        }
        if (maxInputChars < 1) {
            throw new ModelConfigException("maxInputChars", "must be >= 1, was " + maxInputChars);
        }
        if (maxOutputChars < 1) {
            throw new ModelConfigException("maxOutputChars", "must be >= 1, was " + maxOutputChars);
        }
    }

    /** The documented defaults. */
    public static ModelLimits defaults() {
        return new ModelLimits(50, 32_000, 16_000);
    }
}
