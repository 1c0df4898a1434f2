/**
 * Telemetry SPI: observations of agent runs, plans, tool calls, retrieval and model calls, plus trace propagation
 * for outgoing HTTP. No vendor types; the server implements it with OpenTelemetry and Micrometer.
 */
package com.astradesk.core.telemetry;
