package io.handoff.kit.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.kit.ledger.ExecutionLedger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepFacts;
import io.handoff.common.step.StepParameters;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A DNS_SWITCHES command runs its switches at once and reports each in the plan's order. */
class AtOnceRunnerTest {
    private final List<StepEvent> published = new CopyOnWriteArrayList<>();
    /** Each switch waits until all three have started: they can only all end if they run at the same time. */
    private final CountDownLatch allStarted = new CountDownLatch(3);
    private final ExecutionLedger ledger = new ExecutionLedger(List.of(StepType.SWITCH_DNS), 100);
    private final StepEventPublisher publisher = new StepEventPublisher(null) {
        @Override
        public void publish(StepEvent event) {
            published.add(event);
        }
    };
    private final AtOnceRunner atOnce = new AtOnceRunner(new CommandRunner(CommandRunnerTest.handlers(new StepHandler() {
        @Override
        public StepType type() {
            return StepType.SWITCH_DNS;
        }

        @Override
        public StepFacts execute(StepCommand command) throws StepFailedException {
            allStarted.countDown();
            try {
                if (!allStarted.await(10, TimeUnit.SECONDS)) {
                    throw StepFailedException.terminal("the other switches never started", "unknown");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StepFailedException.terminal("interrupted", "unknown");
            }
            // The first application's switch ends last: its events must still come first.
            if (command.stepId().endsWith("storefront")) {
                sleep();
            }
            return TestFacts.of(StepType.SWITCH_DNS, Map.of(StepParams.APPLICATION, command.params().get(StepParams.APPLICATION)));
        }
    }), publisher, ledger, new StepMetrics(new SimpleMeterRegistry())), publisher);

    @Test
    void theSwitchesRunAtOnceAndAreReportedInThePlansOrder() {
        ledger.rebuilt();

        List<StepEvent> outcomes = atOnce.run(switches());

        assertThat(outcomes).extracting(StepEvent::kind).containsOnly(StepEventKind.SUCCEEDED);
        assertThat(published).filteredOn(event -> event.kind() == StepEventKind.SUCCEEDED).extracting(StepEvent::stepId)
                .containsExactly("09-switch-dns-storefront", "10-switch-dns-billing", "11-switch-dns-inventory");
        assertThat(published).filteredOn(event -> event.kind() == StepEventKind.STARTED).hasSize(3);
        assertThat(outcomes.get(1).commandId()).isEqualTo(StepCommand.commandIdFor("plan-dns", "10-switch-dns-billing", 1));
    }

    @Test
    void aRedeliveredCommandAnswersTheSwitchesThatEndedFromTheLedger() {
        ledger.rebuilt();
        StepCommand command = switches();
        List<StepEvent> first = atOnce.run(command);
        published.clear();

        List<StepEvent> again = atOnce.run(command);

        assertThat(again).isEqualTo(first);
        assertThat(published).extracting(StepEvent::kind).containsOnly(StepEventKind.SUCCEEDED).hasSize(3);
    }

    private static StepCommand switches() {
        List<FenceSteps.Step> steps = List.of("09-switch-dns-storefront", "10-switch-dns-billing", "11-switch-dns-inventory")
                .stream().map(id -> new FenceSteps.Step(id, new StepParameters.SwitchDns(id.substring(id.lastIndexOf('-') + 1),
                        List.of(), null), List.of(), 1))
                .toList();
        return StepCommand.issue("plan-dns", "09-switch-dns-storefront", StepType.DNS_SWITCHES,
                StepContracts.params(new StepParameters.DnsSwitches(steps)), 1,
                Instant.now().plusSeconds(60), 1, Clock.systemUTC());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
