package com.astradesk.core.tool.internal;

import com.astradesk.core.internal.JsonSchemas;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolResult;
import dev.failsafe.Timeout;

/** A tool with its compiled argument schema, captured once at registration. */
record RegisteredTool(Tool tool, ToolDescriptor descriptor, JsonSchemas.Compiled schema, Timeout<ToolResult> timeout) {}
