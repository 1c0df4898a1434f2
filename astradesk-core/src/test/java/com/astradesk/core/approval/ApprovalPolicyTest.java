package com.astradesk.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.testing.RecordingTool;
import com.astradesk.core.tool.ToolDescriptor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApprovalPolicyTest {
    private final ToolDescriptor restart = RecordingTool.restartService().descriptor();
    private final ToolDescriptor metrics = ToolDescriptor.builder("get_metrics").build();

    @ParameterizedTest(name = "env={0}: restart needs approval={1}")
    @CsvSource({"production, true", "PROD, true", "' production ', true", "staging, false", "dev, false", "'', false"})
    void should_require_approval_only_in_production_for_tools_that_declare_it(String env, boolean expected) {
        ApprovalPolicy policy = ApprovalPolicy.defaults(env);

        assertThat(policy.requiresApproval(restart, Map.of("service", "webapp")))
                .isEqualTo(expected);
        assertThat(policy.requiresApproval(metrics, Map.of())).isFalse();
        assertThat(restart.approvalInProduction()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"get_metrics, true", "restart_service, false"})
    void should_require_approval_for_configured_tools(String tool, boolean expected) {
        ApprovalPolicy policy = ApprovalPolicy.forTools(Set.of("get_metrics"));
        ToolDescriptor d = tool.equals("get_metrics") ? metrics : restart;

        assertThat(policy.requiresApproval(d, Map.of())).isEqualTo(expected);
        assertThat(ApprovalPolicy.none().requiresApproval(d, Map.of())).isFalse();
    }
}
