package com.astradesk.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.arch.fixture.LeakyApi;
import com.astradesk.core.arch.fixture.LeakyGenericApi;
import com.astradesk.core.arch.fixture.QuietApi;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    /** Core's main classes only (its jar or target/classes), not the test fixtures. */
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrl(com.astradesk.core.tool.ToolRegistry.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation());

    @Test
    void should_keep_vendor_types_out_of_the_public_api() {
        CoreArchitectureRules.noVendorTypesInPublicApi().check(CORE);
    }

    @Test
    void should_keep_internal_types_out_of_the_public_api() {
        CoreArchitectureRules.noInternalTypesInPublicApi().check(CORE);
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
