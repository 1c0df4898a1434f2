package com.astradesk.core.store.contract;

import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.coordination.WorkQueue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What every {@link WorkQueue} must do; extended by the in-memory test and each adapter's IT. */
public abstract class AbstractWorkQueueContractTest {

    protected abstract WorkQueue queue();

    @Test
    void should_pop_items_in_the_order_they_were_pushed() {
        // given
        String id = id("q");
        queue().push("ops", id, "first", Duration.ofMinutes(1));
        queue().push("ops", id, "second ż 🚀", Duration.ofMinutes(1));

        // when / then
        assertThat(queue().items("ops", id)).containsExactly("first", "second ż 🚀");
        assertThat(queue().pop("ops", id)).contains("first");
        assertThat(queue().pop("ops", id)).contains("second ż 🚀");
        assertThat(queue().pop("ops", id)).isEmpty();
        assertThat(queue().items("ops", id)).isEmpty();
    }

    @Test
    void should_keep_lists_of_different_agents_and_ids_apart() {
        // given
        String id = id("q");
        queue().push("ops", id, "ops-item", Duration.ofMinutes(1));
        queue().push("support", id, "support-item", Duration.ofMinutes(1));

        // when / then
        assertThat(queue().items("ops", id)).containsExactly("ops-item");
        assertThat(queue().items("support", id)).containsExactly("support-item");
        assertThat(queue().items("ops", id("q"))).isEmpty();
    }

    @Test
    void should_drop_a_list_when_its_ttl_passes() throws Exception {
        // given
        String id = id("q");
        queue().push("ops", id, "short-lived", Duration.ofMillis(100));

        // when
        Thread.sleep(300);

        // then
        assertThat(queue().items("ops", id)).isEmpty();
        assertThat(queue().pop("ops", id)).isEmpty();
    }

    @Test
    void should_extend_the_ttl_of_the_whole_list_on_each_push() throws Exception {
        // given
        String id = id("q");
        queue().push("ops", id, "a", Duration.ofMillis(150));

        // when
        queue().push("ops", id, "b", Duration.ofSeconds(30));
        Thread.sleep(300);

        // then
        assertThat(queue().items("ops", id)).containsExactly("a", "b");
    }

    @Test
    void should_reject_a_non_positive_ttl() {
        assertThatThrownBy(() -> queue().push("ops", id("q"), "x", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
    }
}
