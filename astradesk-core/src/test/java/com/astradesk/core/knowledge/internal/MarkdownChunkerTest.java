package com.astradesk.core.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownChunkerTest {
    private final MarkdownChunker chunker = new MarkdownChunker(200, 40);

    @Test
    void should_give_each_section_its_own_chunk_carrying_the_heading_path() {
        // given
        String md = "# VPN\n\nIntro to the VPN.\n\n## Setup\n\nInstall the client.\n\n## Password reset\n\n"
                + "Open the portal.\n\n### On mobile\n\nUse the app.\n";

        // when
        List<TextChunk> chunks = chunker.chunkMarkdown(md);

        // then
        assertThat(chunks)
                .extracting(TextChunk::headingPath)
                .containsExactly(
                        List.of("VPN"),
                        List.of("VPN", "Setup"),
                        List.of("VPN", "Password reset"),
                        List.of("VPN", "Password reset", "On mobile"));
        assertThat(chunks.get(3).text()).isEqualTo("VPN > Password reset > On mobile\n\nUse the app.");
    }

    @Test
    void should_pop_the_heading_path_back_when_a_higher_level_heading_follows() {
        // given
        String md = "# Runbook\n\n## Step 1\n\n### Detail\n\nText a.\n\n## Step 2\n\nText b.\n";

        // when
        List<TextChunk> chunks = chunker.chunkMarkdown(md);

        // then
        assertThat(chunks)
                .extracting(TextChunk::headingPath)
                .containsExactly(List.of("Runbook", "Step 1", "Detail"), List.of("Runbook", "Step 2"));
    }

    @Test
    void should_not_treat_hash_lines_inside_code_fences_as_headings() {
        // given
        String md = "# Restart\n\n```bash\n# this is a shell comment\nsystemctl restart payments-api\n```\n";

        // when
        List<TextChunk> chunks = chunker.chunkMarkdown(md);

        // then
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).headingPath()).containsExactly("Restart");
        assertThat(chunks.get(0).body()).contains("# this is a shell comment").contains("systemctl restart");
    }

    @Test
    void should_split_long_sections_into_chunks_within_the_limit_that_overlap() {
        // given
        StringBuilder para = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            para.append("Sentence number ").append(i).append(" explains the failover. ");
        }
        String md = "# Failover\n\n" + para;

        // when
        List<TextChunk> chunks = chunker.chunkMarkdown(md);

        // then
        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).allSatisfy(c -> assertThat(c.body().length()).isLessThanOrEqualTo(200));
        assertThat(chunks).allSatisfy(c -> assertThat(c.headingPath()).containsExactly("Failover"));
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1).body();
            String firstWords = chunks.get(i).body().substring(0, 15);
            assertThat(previous)
                    .as("chunk %d starts with the end of chunk %d", i, i - 1)
                    .contains(firstWords);
        }
        String all = String.join(" ", chunks.stream().map(TextChunk::body).toList());
        assertThat(all).contains("Sentence number 0 ").contains("Sentence number 39 ");
    }

    @Test
    void should_hard_split_a_single_word_longer_than_the_limit() {
        // given
        String md = "x".repeat(450);

        // when
        List<TextChunk> chunks = chunker.chunkPlainText(md);

        // then
        assertThat(chunks).allSatisfy(c -> assertThat(c.body().length()).isLessThanOrEqualTo(200));
        assertThat(chunks.stream()
                        .mapToInt(c -> c.body().replace(" ", "").length())
                        .sum())
                .isGreaterThanOrEqualTo(450);
    }

    @Test
    void should_chunk_plain_text_by_paragraphs_without_headings() {
        // given
        String text = "# not a heading in text mode\n\nSecond paragraph.";

        // when
        List<TextChunk> chunks = chunker.chunkPlainText(text);

        // then
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).headingPath()).isEmpty();
        assertThat(chunks.get(0).text()).isEqualTo("# not a heading in text mode\n\nSecond paragraph.");
    }

    @Test
    void should_produce_no_chunks_for_headings_without_text() {
        assertThat(chunker.chunkMarkdown("# Title\n\n## Empty\n")).isEmpty();
    }

    @Test
    void should_reject_an_overlap_of_half_the_chunk_size_or_more() {
        assertThatThrownBy(() -> new MarkdownChunker(200, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlapChars");
    }
}
