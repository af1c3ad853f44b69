package io.handoff.common.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void allListsEveryTopicOnceInDesignOrder() {
        assertThat(Topics.all()).containsExactly(
                "handoff.plans",
                "handoff.commands.cutover",
                "handoff.commands.dns",
                "handoff.commands.monitor",
                "handoff.step-events",
                "handoff.replication.lag",
                "handoff.replication.drift",
                "handoff.applications");
        assertThat(Topics.all()).doesNotHaveDuplicates();
    }

    @Test
    void allCannotBeModifiedByACaller() {
        assertThatThrownBy(() -> Topics.all().add("handoff.other")).isInstanceOf(UnsupportedOperationException.class);
    }
}
