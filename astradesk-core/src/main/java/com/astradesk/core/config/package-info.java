/**
 * Settings from the environment: {@link com.astradesk.core.config.EnvReader} parses every variable the server,
 * the model module and the auditor read, and {@link com.astradesk.core.config.ConfigException} names the variable
 * that is missing or wrong.
 */
package com.astradesk.core.config;
