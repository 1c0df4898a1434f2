package com.astradesk.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** External MCP tool names as registry names: {@code <server>__<lower_snake_case>}. */
class McpToolNamesTest {

    @ParameterizedTest
    @CsvSource({
        "everything, echo, everything__echo",
        "everything, get-tiny-image, everything__get_tiny_image",
        "everything, getTinyImage, everything__get_tiny_image",
        "everything, longRunningOperation, everything__long_running_operation",
        "fs, read.file/v2, fs__read_file_v2",
        "fs, __x__, fs__x",
    })
    void should_make_a_registry_name(String server, String tool, String expected) {
        assertThat(McpToolNames.registryName(server, tool)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"---", "", "a-tool-name-that-is-far-too-long-to-fit-in-sixty-four-characters-with-prefix"})
    void should_refuse_a_name_that_cannot_be_a_tool_name(String tool) {
        assertThat(McpToolNames.registryName("everything", tool)).isEmpty();
    }
}
