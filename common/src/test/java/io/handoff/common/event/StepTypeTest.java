package io.handoff.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.topic.Topics;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StepTypeTest {

    @Test
    void everyStepTypeGoesToAnExecutor() {
        assertThat(Arrays.stream(StepType.values()).map(StepType::executor)).doesNotContainNull();
    }

    @Test
    void sqlStepsGoToCutoverDnsStepsToDnsAndMeasurementsToMonitor() {
        assertThat(StepType.READ_ONLY.executor()).isEqualTo(Executor.CUTOVER);
        assertThat(StepType.WAIT_SYNC.executor()).isEqualTo(Executor.CUTOVER);
        assertThat(StepType.REVERSE_REPLICATION.executor()).isEqualTo(Executor.CUTOVER);
        assertThat(StepType.SWITCH_DNS.executor()).isEqualTo(Executor.DNS);
        assertThat(StepType.LOWER_TTL.executor()).isEqualTo(Executor.DNS);
        assertThat(StepType.WAIT_CAUGHT_UP.executor()).isEqualTo(Executor.PLANNER);
        assertThat(StepType.CHECK_HEALTH.executor()).isEqualTo(Executor.PLANNER);
        assertThat(StepType.VERIFY.executor()).isEqualTo(Executor.MONITOR);
    }

    @Test
    void eachExecutorReadsItsOwnCommandTopic() {
        assertThat(Executor.CUTOVER.commandTopic()).isEqualTo(Topics.COMMANDS_CUTOVER);
        assertThat(Executor.DNS.commandTopic()).isEqualTo(Topics.COMMANDS_DNS);
        assertThat(Executor.MONITOR.commandTopic()).isEqualTo(Topics.COMMANDS_MONITOR);
        assertThat(Arrays.stream(Executor.values()).filter(e -> e != Executor.PLANNER).map(Executor::commandTopic))
                .doesNotHaveDuplicates();
    }

    @Test
    void thePlannerIsSentNoCommand() {
        org.assertj.core.api.Assertions.assertThatThrownBy(Executor.PLANNER::commandTopic)
                .isInstanceOf(IllegalStateException.class);
    }
}
