/** Provider SPI of the model gateway: one call per invocation, failures as typed model exceptions. */
package com.astradesk.model.provider;
