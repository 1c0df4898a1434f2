/**
 * JSON for every module: {@link com.astradesk.core.json.Json} writes, canonicalises and reads plain Java values;
 * {@link com.astradesk.core.json.JsonSchemas} compiles and applies JSON Schemas (draft 2020-12) given as plain
 * maps. No Jackson or schema-library type appears in their signatures.
 */
package com.astradesk.core.json;
