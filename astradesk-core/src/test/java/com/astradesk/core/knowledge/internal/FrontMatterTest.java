package com.astradesk.core.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrontMatterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "---\nacl: [SRE, ops]\n---\n# T\nbody",
                "---\nacl: sre, ops\ntitle: x\n---\n# T\nbody",
                "---\ntitle: x\nacl:\n  - sre\n  - \"ops\"\n---\n# T\nbody"
            })
    void should_read_the_acl_in_each_list_style_and_strip_the_front_matter(String doc) {
        // when
        FrontMatter fm = FrontMatter.parse(doc);

        // then
        assertThat(fm.acl()).contains(Set.of("sre", "ops"));
        assertThat(fm.body()).isEqualTo("# T\nbody");
    }

    @Test
    void should_leave_a_document_without_front_matter_untouched() {
        FrontMatter fm = FrontMatter.parse("# Title\n---\nacl: [sre]\n");

        assertThat(fm.acl()).isEmpty();
        assertThat(fm.body()).isEqualTo("# Title\n---\nacl: [sre]\n");
    }

    @Test
    void should_treat_an_unclosed_front_matter_block_as_body() {
        FrontMatter fm = FrontMatter.parse("---\nacl: [sre]\n# Title\n");

        assertThat(fm.acl()).isEmpty();
        assertThat(fm.body()).startsWith("---\nacl");
    }

    @Test
    void should_report_no_acl_when_the_front_matter_has_none() {
        FrontMatter fm = FrontMatter.parse("---\ntitle: VPN\n---\nbody");

        assertThat(fm.acl()).isEmpty();
        assertThat(fm.body()).isEqualTo("body");
    }
}
