package io.handoff.cutover.messaging;

import static io.handoff.cutover.support.Servers.A;
import static io.handoff.cutover.support.Servers.B;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.FollowUp;
import io.handoff.common.event.HandoffEvent;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.localstack.testing.StepCommandBus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * A FENCE command that carries the applications' DNS switch ({@link FollowUp}): cutover-service sends it on dns-service's
 * command topic, with the planner's command id, once every step of the fence succeeded, and only then.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class FollowUpTest extends ReplicatedPairFixture {

    @Test
    void aFenceThatSucceededSendsItsFollowUpWithTheSameCommandIdAndAFreshDeadline() throws Exception {
        StepCommand then = switchDns(Instant.now().minus(Duration.ofMinutes(10)), Instant.now().minus(Duration.ofMinutes(9)));
        StepCommand fence = fence(then, on(A), on(B));
        try (KafkaConsumer<String, String> dns = StepCommandBus.consumerAtEnd(bootstrap(), Topics.COMMANDS_DNS)) {
            Instant sent = Instant.now();
            bus.send(fence);
            assertThat(bus.outcome(StepCommand.commandIdFor(plan.id(), "2-flush-b", 1)).kind()).isEqualTo(StepEventKind.SUCCEEDED);

            List<StepCommand> followUps = commandsOf(dns, plan.id(), Duration.ofSeconds(20), 1);

            assertThat(followUps).hasSize(1);
            StepCommand followUp = followUps.get(0);
            assertThat(followUp.commandId()).isEqualTo(then.commandId());
            assertThat(followUp.type()).isEqualTo(StepType.SWITCH_DNS);
            assertThat(followUp.params()).isEqualTo(then.params());
            assertThat(followUp.fencingEpoch()).isEqualTo(plan.epoch());
            assertThat(followUp.deadline()).as("a minute from when it was sent, not the past deadline it was built with")
                    .isAfter(sent.plus(Duration.ofSeconds(50)));
        }
    }

    @Test
    void aFenceThatStoppedAtAFailedStepSendsNoFollowUp() throws Exception {
        StepCommand then = switchDns(Instant.now(), Instant.now().plus(Duration.ofMinutes(1)));
        StepCommand fence = fence(then, on(A), on("no-such-cluster"));
        try (KafkaConsumer<String, String> dns = StepCommandBus.consumerAtEnd(bootstrap(), Topics.COMMANDS_DNS)) {
            bus.send(fence);
            StepEvent failed = bus.outcome(StepCommand.commandIdFor(plan.id(), "2-flush-b", 1));
            assertThat(failed.kind()).isEqualTo(StepEventKind.FAILED);

            assertThat(commandsOf(dns, plan.id(), Duration.ofSeconds(3), 1)).isEmpty();
        }
    }

    /** A SWITCH_DNS command as the planner builds it for the step after the fence. */
    private StepCommand switchDns(Instant builtAt, Instant deadline) {
        return new StepCommand(HandoffEvent.newEventId(), plan.id(), builtAt, StepCommand.SCHEMA_VERSION, "3-switch-dns",
                StepCommand.commandIdFor(plan.id(), "3-switch-dns", 1), StepType.SWITCH_DNS,
                Map.of(StepParams.APPLICATION, "storefront"), 1, deadline, plan.epoch());
    }

    /** FLUSH_TABLES on {@code first}'s cluster, then on {@code second}'s, as one FENCE carrying {@code then}. */
    private StepCommand fence(StepCommand then, Map<String, Object> first, Map<String, Object> second) {
        List<FenceSteps.Step> steps = List.of(
                new FenceSteps.Step("1-flush-a", StepContracts.decode(StepType.FLUSH_TABLES, first), List.of(), 1),
                new FenceSteps.Step("2-flush-b", StepContracts.decode(StepType.FLUSH_TABLES, second), List.of(), 1));
        Instant now = Instant.now();
        return new StepCommand(HandoffEvent.newEventId(), plan.id(), now, StepCommand.SCHEMA_VERSION, "1-flush-a",
                FenceSteps.commandIdFor(plan.id(), "1-flush-a", 1), StepType.FENCE,
                FollowUp.attach(StepContracts.params(new StepParameters.Fence(steps)), then), 1, now.plus(Duration.ofMinutes(5)), plan.epoch());
    }

    private static List<StepCommand> commandsOf(KafkaConsumer<String, String> consumer, String planId, Duration within, int enough) {
        List<StepCommand> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(within);
        while (found.size() < enough && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                StepCommand command = Json.fromJson(record.value(), StepCommand.class);
                if (command.planId().equals(planId)) {
                    found.add(command);
                }
            }
        }
        return found;
    }

    private static String bootstrap() {
        return SharedLocalStack.get().kafka().bootstrapServers();
    }
}
