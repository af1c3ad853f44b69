package io.handoff.kit.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.Failure;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.kit.ledger.ExecutionLedger;
import io.handoff.kit.ledger.FenceScope;
import io.handoff.kit.ledger.LedgerFacts;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import io.handoff.common.step.StepFacts;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The runner's order of checks: ledger rebuilt, then completed command ids, then the fencing epoch, then the handler. */
class CommandRunnerTest {
    private final List<StepEvent> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final ExecutionLedger ledger = new ExecutionLedger(List.of(StepType.READ_ONLY), 100);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CommandRunner runner = new CommandRunner(handlers(new StepHandler() {
        @Override
        public StepType type() {
            return StepType.READ_ONLY;
        }

        @Override
        public StepFacts execute(StepCommand command) {
            return TestFacts.of(StepType.READ_ONLY, Map.of("confirmedAt", "run " + runs.incrementAndGet()));
        }
    }), new StepEventPublisher(null) {
        @Override
        public void publish(StepEvent event) {
            published.add(event);
        }
    }, ledger, new StepMetrics(meters));

    @Test
    void noCommandIsAnsweredBeforeTheLedgerWasRebuilt() {
        CompletableFuture<StepEvent> outcome = CompletableFuture.supplyAsync(() -> runner.run(readOnly("source", 1)));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> published.isEmpty() && !outcome.isDone());
        ledger.rebuilt();

        assertThat(outcome.join().kind()).isEqualTo(StepEventKind.SUCCEEDED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void anAdmittedCommandRunsAndItsEventsCarryTheLedgerFacts() {
        ledger.rebuilt();
        StepCommand command = readOnly("source", 4);

        StepEvent outcome = runner.run(command);

        assertThat(published).extracting(StepEvent::kind).containsExactly(StepEventKind.STARTED, StepEventKind.SUCCEEDED);
        assertThat(outcome.facts()).containsEntry("confirmedAt", "run 1")
                .containsEntry(LedgerFacts.STEP_TYPE, "READ_ONLY")
                .containsEntry(LedgerFacts.FENCING_EPOCH, 4)
                .containsEntry(LedgerFacts.FENCED_SCOPES, List.of("cluster:source"));
        assertThat(LedgerFacts.applied(published.get(0))).contains(
                new LedgerFacts.Applied(4, List.of(new FenceScope(FenceScope.CLUSTER, "source"))));
    }

    @Test
    void aRedeliveredCommandIsAnsweredWithTheSameReportWithoutRunningAgain() {
        ledger.rebuilt();
        StepCommand command = readOnly("source", 1);

        StepEvent first = runner.run(command);
        StepEvent second = runner.run(command);

        assertThat(second).isEqualTo(first);
        assertThat(runs).hasValue(1);
        assertThat(published).extracting(StepEvent::kind)
                .containsExactly(StepEventKind.STARTED, StepEventKind.SUCCEEDED, StepEventKind.SUCCEEDED);
    }

    @Test
    void aCommandOlderThanTheEpochAppliedToItsClusterIsRefusedWithoutStarting() {
        ledger.rebuilt();
        runner.run(readOnly("target", 5));
        published.clear();

        StepCommand stale = readOnly("target", 4);
        StepEvent refused = runner.run(stale);

        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure()).isEqualTo(Failure.terminal(
                "stale fencing epoch 4 < applied 5 for cluster target; nothing was changed", "nothing was changed"));
        assertThat(published).containsExactly(refused);
        assertThat(runs).hasValue(1);
        assertThat(runner.run(stale)).as("a refusal is final").isEqualTo(refused);
        assertThat(runner.run(readOnly("source", 4)).kind()).as("another cluster").isEqualTo(StepEventKind.SUCCEEDED);
    }

    @Test
    void anEpochLearntFromTheStepEventsFencesOlderCommandsButNotTheSameEpoch() {
        StepCommand elsewhere = readOnly("source", 9);
        ledger.fold(new StepEvent(UUID.randomUUID().toString(), elsewhere.planId(), Instant.now(), StepEvent.SCHEMA_VERSION,
                elsewhere.stepId(), elsewhere.commandId(), 1, StepEventKind.STARTED,
                LedgerFacts.admitted(elsewhere, FenceScope.of(elsewhere), Map.of()), null));
        ledger.rebuilt();

        assertThat(runner.run(readOnly("source", 8)).kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(runner.run(readOnly("source", 9)).kind()).isEqualTo(StepEventKind.SUCCEEDED);
    }

    private static StepCommand readOnly(String cluster, long epoch) {
        return StepCommand.issue("plan-" + UUID.randomUUID(), "1-READ_ONLY", StepType.READ_ONLY,
                Map.of(StepParams.CLUSTER, cluster), 1, Instant.now().plusSeconds(60), epoch, Clock.systemUTC());
    }

    /** The handlers as CDI hands them to the runner: only iteration is used. */
    static Instance<StepHandler> handlers(StepHandler... handlers) {
        return new Instance<>() {
            @Override
            public Iterator<StepHandler> iterator() {
                return List.of(handlers).iterator();
            }

            @Override
            public Instance<StepHandler> select(Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <U extends StepHandler> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <U extends StepHandler> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isUnsatisfied() {
                return handlers.length == 0;
            }

            @Override
            public boolean isAmbiguous() {
                return handlers.length > 1;
            }

            @Override
            public void destroy(StepHandler instance) {
            }

            @Override
            public Handle<StepHandler> getHandle() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Iterable<? extends Handle<StepHandler>> handles() {
                throw new UnsupportedOperationException();
            }

            @Override
            public StepHandler get() {
                return handlers[0];
            }
        };
    }

    @Test
    void executedAndRefusedCommandsAreTimedByTypeAndOutcomeButDuplicatesAreNot() {
        ledger.rebuilt();
        StepCommand command = readOnly("source", 3);
        runner.run(command);
        runner.run(command);
        runner.run(readOnly("source", 2));

        assertThat(meters.get(StepMetrics.STEP_DURATION).tags("type", "READ_ONLY", "executor", "cutover", "outcome", "succeeded")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get(StepMetrics.STEP_DURATION).tags("outcome", "refused").timer().count()).isEqualTo(1);
    }
}
