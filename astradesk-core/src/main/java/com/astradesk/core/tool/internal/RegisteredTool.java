package com.astradesk.core.tool.internal;

import com.astradesk.core.json.JsonSchemas;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolDescriptor;

/** A tool with its compiled argument schema, captured once at registration. */
record RegisteredTool(Tool tool, ToolDescriptor descriptor, JsonSchemas.Compiled schema) {}
