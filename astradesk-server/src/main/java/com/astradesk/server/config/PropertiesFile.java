package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a {@code key = value} file named by a variable ({@link Properties} syntax: {@code #} comments, {@code \}
 * continues a line), keeping the keys in file order. Failures name the variable.
 */
final class PropertiesFile {
    private PropertiesFile() {}

    static Map<String, String> load(String variable, String pathText) {
        Path path;
        try {
            path = Path.of(pathText);
        } catch (InvalidPathException e) {
            throw new ConfigException(variable, variable + " is not a valid path: " + e.getReason());
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        Properties reader = new Properties() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Object put(Object key, Object value) {
                ordered.put(key.toString().strip(), value.toString().strip());
                return super.put(key, value);
            }
        };
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            reader.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(variable, variable + ": cannot read " + path + " (" + e.getMessage() + ")");
        }
        return Collections.unmodifiableMap(ordered);
    }
}
