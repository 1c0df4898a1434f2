package com.astradesk.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.arch.fixture.LeakyApi;
import com.astradesk.core.arch.fixture.LeakyGenericApi;
import com.astradesk.core.arch.fixture.QuietApi;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    /** Core's main classes only (its jar or target/classes), not the test fixtures. */
    private static final JavaClasses CORE =
            CoreArchitectureRules.mainClassesOf(com.astradesk.core.tool.ToolRegistry.class);

    @Test
    void should_keep_vendor_types_out_of_the_public_api() {
        CoreArchitectureRules.noVendorTypesInPublicApi().check(CORE);
    }

    @Test
    void should_keep_internal_types_out_of_the_public_api() {
        CoreArchitectureRules.noInternalTypesInPublicApi().check(CORE);
    }

    @Test
    void should_keep_the_feature_packages_free_of_cycles() {
        CoreArchitectureRules.noCyclesBetweenFeaturePackages("com.astradesk.core")
                .check(CORE);
    }

    @Test
    void should_keep_the_tool_package_independent_of_the_provider_contract() {
        // core.spi depends on core.tool (a provider returns tools); the way back would close a cycle
        noClasses()
                .that()
                .resideInAPackage("com.astradesk.core.tool..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.astradesk.core.spi..")
                .check(CORE);
    }

    @Test
    void should_flag_a_cycle_between_two_feature_packages() {
        // given: fixture.cycle.a.A uses fixture.cycle.b.B, which uses A back
        JavaClasses cyclic = new ClassFileImporter().importPackages("com.astradesk.core.arch.fixture.cycle");

        // then
        assertThat(CoreArchitectureRules.noCyclesBetweenFeaturePackages("com.astradesk.core.arch.fixture.cycle")
                        .evaluate(cyclic)
                        .hasViolation())
                .isTrue();
    }

    @Test
    void should_import_the_public_api_so_the_rules_are_not_vacuous() {
        assertThat(CORE.that(CoreArchitectureRules.PUBLIC_API))
                .extracting(c -> c.getSimpleName())
                .contains("ToolRegistry", "Agent", "ReferenceAgents", "KnowledgeIndex", "Principal");
    }

    @Test
    void should_flag_a_public_method_taking_a_json_node() {
        // given
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class);

        // when
        EvaluationResult result =
                CoreArchitectureRules.noVendorTypesInPublicApi().evaluate(leaky);

        // then
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains("describe(...) takes com.fasterxml.jackson.databind.JsonNode"));
    }

    @Test
    void should_flag_vendor_and_internal_types_in_generic_arguments() {
        // given
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyGenericApi.class);

        // then
        assertThat(CoreArchitectureRules.noVendorTypesInPublicApi()
                        .evaluate(leaky)
                        .getFailureReport()
                        .getDetails())
                .anySatisfy(d ->
                        assertThat(d).contains("mappers(...) returns com.fasterxml.jackson.databind.ObjectMapper"));
        assertThat(CoreArchitectureRules.noInternalTypesInPublicApi()
                        .evaluate(leaky)
                        .getFailureReport()
                        .getDetails())
                .anySatisfy(d ->
                        assertThat(d).contains("embedder(...) returns").contains("knowledge.internal.HashingEmbedder"));
    }

    @Test
    void should_allow_vendor_and_internal_types_inside_method_bodies_and_non_public_members() {
        // given
        JavaClasses quiet = new ClassFileImporter().importClasses(QuietApi.class);

        // then
        assertThat(CoreArchitectureRules.noVendorTypesInPublicApi()
                        .evaluate(quiet)
                        .hasViolation())
                .isFalse();
        assertThat(CoreArchitectureRules.noInternalTypesInPublicApi()
                        .evaluate(quiet)
                        .hasViolation())
                .isFalse();
    }
}
