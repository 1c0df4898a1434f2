package com.astradesk.tools.weather;

import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.tools.BuiltinTools;

/** No weather endpoint is configured, so {@code get_weather} cannot answer (it never makes weather up). */
public class WeatherNotConfiguredException extends ToolFailureException {
    private static final long serialVersionUID = 1L;

    public WeatherNotConfiguredException() {
        super(BuiltinTools.GET_WEATHER, "weather service not configured");
    }
}
