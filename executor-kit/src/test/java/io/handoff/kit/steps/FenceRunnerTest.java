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
import io.handoff.common.step.FactBinding;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepFacts;
import io.handoff.common.step.StepParameters;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A FENCE command runs its steps in order, each reported as the command it stands for, and stops at the first failure. */
class FenceRunnerTest {
    private static final String PLAN = "plan-fence";
    private final List<StepEvent> published = new CopyOnWriteArrayList<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final List<Object> reversedFrom = new CopyOnWriteArrayList<>();
    private volatile boolean writableFails;
    private final ExecutionLedger ledger = new ExecutionLedger(List.of(StepType.CAPTURE_POSITION, StepType.WRITABLE,
            StepType.REVERSE_REPLICATION), 100);
    private final StepEventPublisher publisher = new StepEventPublisher(null) {
        @Override
        public void publish(StepEvent event) {
            published.add(event);
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> sendWithoutWaiting(StepEvent event) {
            published.add(event);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    };
    private final FenceRunner fences = new FenceRunner(new CommandRunner(CommandRunnerTest.handlers(
            handler(StepType.CAPTURE_POSITION, command -> Map.of(StepParams.FACT_POSITION, "0-2-9")),
            handler(StepType.WRITABLE, command -> {
                if (writableFails) {
                    throw StepFailedException.terminal("WRITABLE refused", "B read-only");
                }
                return Map.of();
            }),
            handler(StepType.REVERSE_REPLICATION, command -> {
                reversedFrom.add(command.params().get(StepParams.POSITION));
                return Map.of();
            })),
            publisher, ledger, new StepMetrics(new SimpleMeterRegistry())), publisher);

    @Test
    void eachStepRunsAsTheCommandItStandsForAndTakesTheFactsOfTheStepsBeforeIt() {
        ledger.rebuilt();

        List<StepEvent> outcomes = fences.run(fence());

        assertThat(ran).containsExactly("08-capture", "09-writable", "11-reverse");
        assertThat(published).extracting(StepEvent::stepId, StepEvent::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("08-capture", StepEventKind.STARTED),
                org.assertj.core.groups.Tuple.tuple("08-capture", StepEventKind.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("09-writable", StepEventKind.STARTED),
                org.assertj.core.groups.Tuple.tuple("09-writable", StepEventKind.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("11-reverse", StepEventKind.STARTED),
                org.assertj.core.groups.Tuple.tuple("11-reverse", StepEventKind.SUCCEEDED));
        assertThat(outcomes).extracting(StepEvent::commandId).containsExactly(StepCommand.commandIdFor(PLAN, "08-capture", 1),
                StepCommand.commandIdFor(PLAN, "09-writable", 1), StepCommand.commandIdFor(PLAN, "11-reverse", 2));
        assertThat(reversedFrom).containsExactly("0-2-9");
    }

    @Test
    void theFirstStepThatFailsEndsTheFenceAndTheStepsAfterItAreNotRun() {
        ledger.rebuilt();
        writableFails = true;

        List<StepEvent> outcomes = fences.run(fence());

        assertThat(ran).containsExactly("08-capture", "09-writable");
        assertThat(outcomes).extracting(StepEvent::kind).containsExactly(StepEventKind.SUCCEEDED, StepEventKind.FAILED);
        assertThat(published).extracting(StepEvent::stepId).doesNotContain("11-reverse");
    }

    @Test
    void theListenerHearsOfEachStepRightBeforeItsStartedEventAndOfEachSuccessRightAfterItsEvent() {
        ledger.rebuilt();
        writableFails = true;
        List<String> heard = new CopyOnWriteArrayList<>();

        fences.run(fence(), new FenceListener() {
            @Override
            public void starting(FenceSteps.Step step) {
                heard.add("starting " + step.stepId() + " after " + published.size() + " events");
            }

            @Override
            public void succeeded(FenceSteps.Step step, StepEvent outcome) {
                heard.add("succeeded " + step.stepId() + " after " + published.size() + " events");
            }
        });

        assertThat(heard).containsExactly("starting 08-capture after 0 events", "succeeded 08-capture after 2 events",
                "starting 09-writable after 2 events");
    }

    @Test
    void aRedeliveredFenceAnswersTheStepsThatRanFromTheLedgerAndRunsTheRest() {
        ledger.rebuilt();
        writableFails = true;
        StepCommand fence = fence();
        fences.run(fence);
        writableFails = false;
        ran.clear();

        List<StepEvent> again = fences.run(fence);

        assertThat(ran).as("the failed attempt is remembered as failed: the planner retries it with a new attempt")
                .isEmpty();
        assertThat(again).extracting(StepEvent::kind).containsExactly(StepEventKind.SUCCEEDED, StepEventKind.FAILED);
    }

    @Test
    void preparedStepsArePreparedBeforeTheFirstRunsAndThenRunBackToBackTheirEventsSentAfterTheLast() {
        List<String> seen = new CopyOnWriteArrayList<>();
        FenceRunner prepared = runnerOver(
                preparing(StepType.STOP_REPLICA, seen, null), preparing(StepType.CAPTURE_POSITION, seen, null),
                preparing(StepType.WRITABLE, seen, null));
        ledger.rebuilt();

        List<StepEvent> outcomes = prepared.run(windowFence());

        assertThat(seen).as("the steps after the first prepared before it runs, then run after it with no event sent between")
                .containsExactly("prepare 08-capture after [07-stop]", "prepare 09-writable after [07-stop, 08-capture]",
                        "run 07-stop after 1 events", "run 08-capture after 2 events", "run 09-writable after 2 events");
        assertEveryWindowStepReportedInOrder();
        assertThat(published.get(2).occurredAt()).as("a prepared step's STARTED has the time it started, not the time it was sent")
                .isAfterOrEqualTo(published.get(1).occurredAt()).isBeforeOrEqualTo(published.get(3).occurredAt());
        assertThat(outcomes).extracting(StepEvent::kind).containsOnly(StepEventKind.SUCCEEDED).hasSize(3);
        assertThat(outcomes.get(1).facts()).containsEntry(StepParams.FACT_POSITION, "08-capture");
        assertThat(ledger.completed(outcomes.get(2).commandId())).as("remembered as a command run on its own would be").isPresent();
    }

    @Test
    void aFirstStepThatConvergesAfterTheWindowHoldsItsOutcomeWithTheWindowsEventsUntilAStepNeedsThemSent() {
        List<String> seen = new CopyOnWriteArrayList<>();
        PreparingStepHandler first = preparing(StepType.STOP_REPLICA, seen, null);
        FenceRunner prepared = runnerOver(new PreparingStepHandler() {
            @Override
            public StepType type() {
                return first.type();
            }

            @Override
            public StepFacts execute(StepCommand command) throws StepFailedException {
                return first.execute(command);
            }

            @Override
            public java.util.Optional<PreparedStep> prepare(StepCommand command, List<StepCommand> earlier) {
                return first.prepare(command, earlier);
            }

            @Override
            public boolean convergesAfterTheLaterStepsOfItsFence() {
                return true;
            }
        }, preparing(StepType.CAPTURE_POSITION, seen, null, true), preparing(StepType.WRITABLE, seen, null));
        ledger.rebuilt();

        prepared.run(windowFence());

        assertThat(seen).as("nothing sent between the first step's STARTED and CAPTURE's flush, which sends the first step's"
                        + " outcome with its own events before WRITABLE runs")
                .endsWith("run 07-stop after 1 events", "run 08-capture after 1 events", "run 09-writable after 4 events");
        assertEveryWindowStepReportedInOrder();
    }

    @Test
    void aPreparedStepWhoseOutcomeARedeliveryCouldNotFindAgainIsSentBeforeTheNextStepRuns() {
        List<String> seen = new CopyOnWriteArrayList<>();
        FenceRunner prepared = runnerOver(
                preparing(StepType.STOP_REPLICA, seen, null), preparing(StepType.CAPTURE_POSITION, seen, null, true),
                preparing(StepType.WRITABLE, seen, null));
        ledger.rebuilt();

        prepared.run(windowFence());

        assertThat(seen).as("CAPTURE's events sent before WRITABLE runs; WRITABLE's after it")
                .endsWith("run 08-capture after 2 events", "run 09-writable after 4 events");
        assertEveryWindowStepReportedInOrder();
    }

    @Test
    void aWindowThatWaitsSendsWhatItHeldSoThatThePlanShowsTheStepThatWaits() {
        List<String> seen = new CopyOnWriteArrayList<>();
        StepHandler slow = new PreparingStepHandler() {
            @Override
            public StepType type() {
                return StepType.CAPTURE_POSITION;
            }

            @Override
            public StepFacts execute(StepCommand command) {
                return TestFacts.of(StepType.CAPTURE_POSITION, Map.of());
            }

            @Override
            public java.util.Optional<PreparedStep> prepare(StepCommand command, List<StepCommand> earlier) {
                return java.util.Optional.of(() -> {
                    try {
                        Thread.sleep(WindowEvents.LIVE_AFTER.toMillis() * 3);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    seen.add("08-capture ends with " + published.stream().map(e -> e.stepId() + " " + e.kind()).toList() + " sent");
                    return TestFacts.of(StepType.CAPTURE_POSITION, Map.of());
                });
            }
        };
        FenceRunner prepared = runnerOver(
                preparing(StepType.STOP_REPLICA, seen, null), slow, preparing(StepType.WRITABLE, seen, null));
        ledger.rebuilt();

        prepared.run(windowFence());

        assertThat(seen).contains("08-capture ends with [07-stop STARTED, 07-stop SUCCEEDED, 08-capture STARTED] sent");
        assertThat(published).extracting(StepEvent::stepId, StepEvent::kind).endsWith(
                org.assertj.core.groups.Tuple.tuple("08-capture", StepEventKind.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("09-writable", StepEventKind.STARTED),
                org.assertj.core.groups.Tuple.tuple("09-writable", StepEventKind.SUCCEEDED));
    }

    @Test
    void aPreparedStepThatFailsEndsTheWindowAndOnlyTheStepsThatRanAreReported() {
        List<String> seen = new CopyOnWriteArrayList<>();
        FenceRunner prepared = runnerOver(
                preparing(StepType.STOP_REPLICA, seen, null), preparing(StepType.CAPTURE_POSITION, seen, "08-capture"),
                preparing(StepType.WRITABLE, seen, null));
        ledger.rebuilt();

        List<StepEvent> outcomes = prepared.run(windowFence());

        assertThat(seen).noneMatch(line -> line.startsWith("run 09-writable"));
        assertThat(outcomes).extracting(StepEvent::kind).containsExactly(StepEventKind.SUCCEEDED, StepEventKind.FAILED);
        assertThat(published).extracting(StepEvent::stepId).doesNotContain("09-writable");
    }

    @Test
    void aFirstStepThatFailsBeforeAPreparedWindowIsReportedAndNoStepOfTheWindowRuns() {
        List<String> seen = new CopyOnWriteArrayList<>();
        FenceRunner prepared = runnerOver(
                handler(StepType.STOP_REPLICA, command -> {
                    throw StepFailedException.terminal("STOP_REPLICA refused", "B still replicates");
                }),
                preparing(StepType.CAPTURE_POSITION, seen, null), preparing(StepType.WRITABLE, seen, null));
        ledger.rebuilt();

        List<StepEvent> outcomes = prepared.run(windowFence());

        assertThat(seen).as("prepared, never run").noneMatch(line -> line.startsWith("run "));
        assertThat(outcomes).extracting(StepEvent::kind).containsExactly(StepEventKind.FAILED);
        assertThat(published).extracting(StepEvent::stepId, StepEvent::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("07-stop", StepEventKind.STARTED),
                org.assertj.core.groups.Tuple.tuple("07-stop", StepEventKind.FAILED));
    }

    @Test
    void aStepThatCannotBePreparedMakesTheFenceRunEveryStepOnItsOwn() {
        List<String> seen = new CopyOnWriteArrayList<>();
        FenceRunner mixed = runnerOver(
                preparing(StepType.STOP_REPLICA, seen, null), handler(StepType.CAPTURE_POSITION, command -> Map.of()),
                preparing(StepType.WRITABLE, seen, null));
        ledger.rebuilt();

        mixed.run(windowFence());

        assertThat(seen).containsExactly("run 07-stop after 1 events", "run 09-writable after 5 events");
    }

    /** A fence runner over {@code handlers}, with this test's publisher and ledger. */
    private FenceRunner runnerOver(StepHandler... handlers) {
        return new FenceRunner(new CommandRunner(CommandRunnerTest.handlers(handlers), publisher, ledger,
                new StepMetrics(new SimpleMeterRegistry())), publisher);
    }

    /** The window fence's three steps each reported STARTED then SUCCEEDED, in the fence's order. */
    private void assertEveryWindowStepReportedInOrder() {
        assertThat(published).extracting(StepEvent::stepId, StepEvent::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("07-stop", StepEventKind.STARTED),
                org.assertj.core.groups.Tuple.tuple("07-stop", StepEventKind.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("08-capture", StepEventKind.STARTED),
                org.assertj.core.groups.Tuple.tuple("08-capture", StepEventKind.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("09-writable", StepEventKind.STARTED),
                org.assertj.core.groups.Tuple.tuple("09-writable", StepEventKind.SUCCEEDED));
    }

    private static final StepParameters CAPTURE = new StepParameters.CapturePosition("target", "source", null, null);
    private static final StepParameters WRITABLE = new StepParameters.Writable("target", null, null);

    /** STOP_REPLICA, CAPTURE_POSITION, WRITABLE, none bound to another's facts. */
    private static StepCommand windowFence() {
        List<FenceSteps.Step> steps = List.of(
                new FenceSteps.Step("07-stop", new StepParameters.StopReplica("target"), List.of(), 1),
                new FenceSteps.Step("08-capture", CAPTURE, List.of(), 1),
                new FenceSteps.Step("09-writable", WRITABLE, List.of(), 1));
        return StepCommand.issue(PLAN, "07-stop", StepType.FENCE, StepContracts.params(new StepParameters.Fence(steps)), 1,
                Instant.now().plusSeconds(60), 3, Clock.systemUTC());
    }

    /** A handler that records when it is prepared (with the steps before it) and when its prepared step runs. */
    private PreparingStepHandler preparing(StepType type, List<String> seen, String failingStep) {
        return preparing(type, seen, failingStep, false);
    }

    private PreparingStepHandler preparing(StepType type, List<String> seen, String failingStep, boolean sentAtOnce) {
        return new PreparingStepHandler() {
            @Override
            public StepType type() {
                return type;
            }

            @Override
            public StepFacts execute(StepCommand command) {
                seen.add("run " + command.stepId() + " after " + published.size() + " events");
                return TestFacts.of(type, Map.of(StepParams.FACT_POSITION, command.stepId()));
            }

            @Override
            public java.util.Optional<PreparedStep> prepare(StepCommand command, List<StepCommand> earlier) {
                seen.add("prepare " + command.stepId() + " after " + earlier.stream().map(StepCommand::stepId).toList());
                return java.util.Optional.of(new PreparedStep() {
                    @Override
                    public StepFacts run() throws StepFailedException {
                        if (command.stepId().equals(failingStep)) {
                            throw StepFailedException.terminal(command.stepId() + " refused", "nothing changed");
                        }
                        return execute(command);
                    }

                    @Override
                    public boolean sentBeforeTheNextStep() {
                        return sentAtOnce;
                    }
                });
            }
        };
    }

    /** CAPTURE_POSITION, WRITABLE, then REVERSE_REPLICATION (its second attempt) from the captured position. */
    private static StepCommand fence() {
        List<FenceSteps.Step> steps = List.of(
                new FenceSteps.Step("08-capture", CAPTURE, List.of(), 1),
                new FenceSteps.Step("09-writable", WRITABLE, List.of(), 1),
                new FenceSteps.Step("11-reverse", new StepParameters.ReverseReplication("source", "target", null, null, null,
                        null), List.of(FactBinding.position("08-capture")), 2));
        return StepCommand.issue(PLAN, "08-capture", StepType.FENCE, StepContracts.params(new StepParameters.Fence(steps)), 1,
                Instant.now().plusSeconds(60), 3, Clock.systemUTC());
    }

    /** What a test handler reports, or how it fails. */
    private interface Facts {
        Map<String, Object> of(StepCommand command) throws StepFailedException;
    }

    private StepHandler handler(StepType type, Facts facts) {
        return new StepHandler() {
            @Override
            public StepType type() {
                return type;
            }

            @Override
            public StepFacts execute(StepCommand command) throws StepFailedException {
                ran.add(command.stepId());
                return TestFacts.of(type, facts.of(command));
            }
        };
    }
}
