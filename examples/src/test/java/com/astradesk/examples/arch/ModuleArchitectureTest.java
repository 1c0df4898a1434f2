package com.astradesk.examples.arch;

import com.astradesk.core.arch.CoreArchitectureRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** This module's main classes against the shared rules of {@link CoreArchitectureRules}. */
class ModuleArchitectureTest {
    private static final JavaClasses MAIN =
            CoreArchitectureRules.mainClassesOf(com.astradesk.examples.EmbeddedSdkExample.class);

    @Test
    void should_use_only_the_public_api_of_core() {
        CoreArchitectureRules.noUseOfCoreInternalsOutsideCore().check(MAIN);
    }

    @Test
    void should_keep_the_feature_packages_free_of_cycles() {
        CoreArchitectureRules.noCyclesBetweenFeaturePackages("com.astradesk.examples")
                .check(MAIN);
    }

    @Test
    void should_import_this_module_so_the_rules_are_not_vacuous() {
        org.assertj.core.api.Assertions.assertThat(MAIN.contain(com.astradesk.examples.EmbeddedSdkExample.class))
                .isTrue();
    }
}
