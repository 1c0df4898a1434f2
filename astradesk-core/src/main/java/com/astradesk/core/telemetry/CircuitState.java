package com.astradesk.core.telemetry;

/** A circuit breaker's state, with the gauge value dashboards use (0 closed, 1 half-open, 2 open). */
public enum CircuitState {
    CLOSED(0),
    HALF_OPEN(1),
    OPEN(2);

    private final int gaugeValue;

    CircuitState(int gaugeValue) {
        this.gaugeValue = gaugeValue;
    }

    /** 0 closed, 1 half-open, 2 open. */
    public int gaugeValue() {
        return gaugeValue;
    }
}
