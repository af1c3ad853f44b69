package io.handoff.kit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.Failure;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rebuild fold: a ledger folded from the step events a runner published (as read back from the
 * topic, through JSON) knows the completed commands of its own step types and every applied epoch.
 */
class ExecutionLedgerTest {
    private static final Set<StepType> CUTOVER = Set.of(StepType.READ_ONLY, StepType.WRITABLE, StepType.WAIT_SYNC);
    private static final FenceScope SOURCE = new FenceScope(FenceScope.CLUSTER, "source");
    private static final FenceScope TARGET = new FenceScope(FenceScope.CLUSTER, "target");
    private static final FenceScope STOREFRONT = new FenceScope(FenceScope.APPLICATION, "storefront");
    private final Clock clock = Clock.systemUTC();

    @Test
    void aFoldedTerminalEventAnswersItsCommandWithTheSameReport() {
        StepCommand readOnly = command(StepType.READ_ONLY, Map.of(StepParams.CLUSTER, "source"), 4);
        StepEvent succeeded = terminal(readOnly, Map.of(StepParams.FACT_CONFIRMED_AT, "2026-11-25T01:00:00Z"));
        ExecutionLedger ledger = rebuilt(started(readOnly), succeeded);

        assertThat(ledger.completed(readOnly.commandId())).contains(succeeded);
        assertThat(ledger.applied(SOURCE)).hasValue(4);
    }

    @Test
    void aCommandThatOnlyStartedIsNotCompletedButItsEpochIsApplied() {
        StepCommand writable = command(StepType.WRITABLE, Map.of(StepParams.CLUSTER, "target"), 6);
        ExecutionLedger ledger = rebuilt(started(writable));

        assertThat(ledger.completed(writable.commandId())).isEmpty();
        assertThat(ledger.admit(command(StepType.READ_ONLY, Map.of(StepParams.CLUSTER, "target"), 5), List.of(TARGET)))
                .contains(new StaleEpoch(TARGET, 5, 6));
    }

    @Test
    void aProgressReportIsNotAnOutcome() {
        StepCommand seed = command(StepType.WAIT_SYNC, Map.of(StepParams.CLUSTER, "target"), 3);
        ExecutionLedger ledger = rebuilt(started(seed), roundTrip(StepEvent.progress(seed, Map.of("rows", 10), clock)));

        assertThat(ledger.completed(seed.commandId())).as("a redelivered command runs again, not answered by its progress").isEmpty();
        StepEvent succeeded = terminal(seed, Map.of("rows", 20));
        ledger.fold(succeeded);
        assertThat(ledger.completed(seed.commandId())).contains(succeeded);
    }

    @Test
    void epochsOfOtherExecutorsFenceButTheirCommandsAreNotKept() {
        StepCommand switchDns = command(StepType.SWITCH_DNS, Map.of(StepParams.APPLICATION, "storefront"), 3);
        StepCommand monitor = command(StepType.START_MONITOR, Map.of(StepParams.CLUSTER, "target",
                StepParams.SOURCE_CLUSTER, "source"), 8);
        ExecutionLedger ledger = rebuilt(terminal(switchDns, Map.of()), terminal(monitor, Map.of()));

        assertThat(ledger.completed(switchDns.commandId())).isEmpty();
        assertThat(ledger.completed(monitor.commandId())).isEmpty();
        assertThat(ledger.applied(STOREFRONT)).hasValue(3);
        assertThat(ledger.applied(SOURCE)).hasValue(8);
        assertThat(ledger.applied(TARGET)).hasValue(8);
    }

    @Test
    void aRefusedCommandIsRememberedAndRaisesNoEpoch() {
        StepCommand stale = command(StepType.READ_ONLY, Map.of(StepParams.CLUSTER, "source"), 2);
        StaleEpoch why = new StaleEpoch(SOURCE, 2, 5);
        StepEvent refused = StepEvent.failed(stale, Failure.terminal(why.reason(), "nothing was changed"),
                LedgerFacts.refused(stale, Map.of()), clock);
        ExecutionLedger ledger = rebuilt(roundTrip(refused));

        assertThat(ledger.completed(stale.commandId())).contains(refused);
        assertThat(ledger.applied(SOURCE)).isEmpty();
    }

    @Test
    void eventsOfOlderExecutorsWithoutReservedFactsStillAnswerTheirCommands() {
        StepCommand old = command(StepType.READ_ONLY, Map.of(StepParams.CLUSTER, "source"), 1);
        StepEvent plain = StepEvent.succeeded(old, Map.of(StepParams.FACT_ALREADY_APPLIED, false), clock);
        ExecutionLedger ledger = rebuilt(roundTrip(plain));

        assertThat(ledger.completed(old.commandId())).contains(plain);
        assertThat(ledger.applied(SOURCE)).isEmpty();
    }

    @Test
    void theFoldIsTheSameWhateverTheOrderAndHowOftenEventsAreRead() {
        List<StepEvent> events = new ArrayList<>();
        List<StepCommand> commands = new ArrayList<>();
        for (int epoch = 1; epoch <= 5; epoch++) {
            StepCommand command = command(StepType.READ_ONLY, Map.of(StepParams.CLUSTER, epoch % 2 == 0 ? "source" : "target"), epoch);
            commands.add(command);
            events.add(started(command));
            events.add(terminal(command, Map.of("n", epoch)));
        }
        List<StepEvent> shuffled = new ArrayList<>(events);
        shuffled.addAll(events);
        Collections.shuffle(shuffled, new java.util.Random(42));

        ExecutionLedger inOrder = rebuilt(events.toArray(StepEvent[]::new));
        ExecutionLedger anyOrder = rebuilt(shuffled.toArray(StepEvent[]::new));

        assertThat(anyOrder.applied(SOURCE)).isEqualTo(inOrder.applied(SOURCE)).hasValue(4);
        assertThat(anyOrder.applied(TARGET)).isEqualTo(inOrder.applied(TARGET)).hasValue(5);
        for (StepCommand command : commands) {
            assertThat(anyOrder.completed(command.commandId())).isEqualTo(inOrder.completed(command.commandId())).isPresent();
        }
    }

    @Test
    void theFirstReportOfACommandWins() {
        StepCommand readOnly = command(StepType.READ_ONLY, Map.of(StepParams.CLUSTER, "source"), 1);
        StepEvent first = terminal(readOnly, Map.of(StepParams.FACT_ALREADY_APPLIED, false));
        StepEvent again = terminal(readOnly, Map.of(StepParams.FACT_ALREADY_APPLIED, true));
        ExecutionLedger ledger = rebuilt(first, again);

        assertThat(ledger.completed(readOnly.commandId())).contains(first);
    }

    @Test
    void completedCommandsAreBoundedOldestFirst() {
        ExecutionLedger ledger = new ExecutionLedger(CUTOVER, 3);
        List<StepCommand> commands = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            StepCommand command = command(StepType.READ_ONLY, Map.of(StepParams.CLUSTER, "source"), 1);
            commands.add(command);
            ledger.fold(terminal(command, Map.of()));
        }

        assertThat(ledger.completed(commands.get(0).commandId())).isEmpty();
        assertThat(ledger.completed(commands.get(1).commandId())).isEmpty();
        assertThat(commands.subList(2, 5)).allSatisfy(command ->
                assertThat(ledger.completed(command.commandId())).isPresent());
    }

    @Test
    void admittingAppliesTheEpochSoThatAnOlderCommandIsRefusedAfterwards() {
        ExecutionLedger ledger = new ExecutionLedger(CUTOVER, 10);
        StepCommand newer = command(StepType.READ_ONLY, Map.of(StepParams.CLUSTER, "source"), 7);
        StepCommand older = command(StepType.WRITABLE, Map.of(StepParams.CLUSTER, "source"), 6);

        assertThat(ledger.admit(newer, FenceScope.of(newer))).isEmpty();
        assertThat(ledger.admit(older, FenceScope.of(older))).contains(new StaleEpoch(SOURCE, 6, 7));
        assertThat(ledger.applied(SOURCE)).hasValue(7);
    }

    @Test
    void theLedgerIsReadyOnlyOnceRebuilt() throws Exception {
        ExecutionLedger ledger = new ExecutionLedger(CUTOVER, 10);

        assertThat(ledger.ready()).isFalse();
        assertThat(ledger.awaitReady(java.time.Duration.ofMillis(10))).isFalse();
        ledger.rebuilt();
        assertThat(ledger.ready()).isTrue();
        assertThat(ledger.awaitReady(java.time.Duration.ZERO)).isTrue();
    }

    private ExecutionLedger rebuilt(StepEvent... events) {
        ExecutionLedger ledger = new ExecutionLedger(CUTOVER, 100);
        for (StepEvent event : events) {
            ledger.fold(roundTrip(event));
        }
        ledger.rebuilt();
        return ledger;
    }

    /** As a replay reads it: the JSON the publisher wrote. */
    private static StepEvent roundTrip(StepEvent event) {
        return Json.fromJson(Json.toJson(event), StepEvent.class);
    }

    private StepCommand command(StepType type, Map<String, ?> params, long epoch) {
        return StepCommand.issue("plan-" + java.util.UUID.randomUUID(), "1-" + type, type, params, 1, Instant.now().plusSeconds(60), epoch, clock);
    }

    private StepEvent started(StepCommand command) {
        return withFacts(StepEvent.started(command, clock), LedgerFacts.admitted(command, FenceScope.of(command), Map.of()));
    }

    private StepEvent terminal(StepCommand command, Map<String, ?> facts) {
        return StepEvent.succeeded(command, LedgerFacts.admitted(command, FenceScope.of(command), facts), clock);
    }

    private static StepEvent withFacts(StepEvent event, Map<String, Object> facts) {
        return new StepEvent(event.eventId(), event.planId(), event.occurredAt(), event.schemaVersion(), event.stepId(),
                event.commandId(), event.attempt(), event.kind(), facts, event.failure());
    }
}
