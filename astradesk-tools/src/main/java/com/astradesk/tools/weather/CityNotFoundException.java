package com.astradesk.tools.weather;

import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.tools.BuiltinTools;

/** The weather backend knows no place of that name. Carries the city as asked. */
public class CityNotFoundException extends ToolFailureException {
    private static final long serialVersionUID = 1L;
    private final String city;

    public CityNotFoundException(String city) {
        super(BuiltinTools.GET_WEATHER, "city '" + city + "' not found");
        this.city = city;
    }

    /** The city as asked. */
    public String city() {
        return city;
    }
}
