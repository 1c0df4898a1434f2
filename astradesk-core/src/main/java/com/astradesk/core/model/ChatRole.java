package com.astradesk.core.model;

/** Who said a message. */
public enum ChatRole {
    SYSTEM,
    USER,
    ASSISTANT
}
