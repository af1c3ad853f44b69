package io.handoff.planner.plan;

import static org.assertj.core.api.Assertions.tuple;
import io.handoff.common.event.Announcements;
import io.handoff.common.event.ApplicationEvent;
import io.handoff.common.event.ApplicationEventKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.Failure;
import io.handoff.common.event.LagSample;
import io.handoff.common.event.PlanEvent;
import io.handoff.common.event.PlanEventKind;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.planner.config.PlannerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.handoff.planner.metrics.FlipMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The plans are the fold of their events: whatever the orchestrator decided, replaying the events it
 * wrote (as a restarted planner does, through JSON as on the topic) gives the same plans, and the
 * fencing epoch of a new plan follows from the folded plans.
 */
class PlanFoldTest {
    private static final Clock CLOCK = Clock.systemUTC();

    private final Log log = new Log();
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    @Test
    void replayingTheLogOfAFinishedFlipGivesTheSamePlan() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO);
        PlanRun run = orchestrator.submit(Plans.valid(null), "op", log);
        answerAll(orchestrator, run);
        orchestrator.pointOfNoReturn(run.id(), "op", log);
        answerAll(orchestrator, run);

        PlanRun replayed = replay().find(run.id()).orElseThrow();

        assertThat(run.status()).isEqualTo(PlanStatus.COMPLETED);
        assertSame(replayed, run);
        assertThat(replayed.pointOfNoReturnAt()).isEqualTo(run.pointOfNoReturnAt()).isNotNull();
        assertThat(replayed.plan()).isEqualTo(run.plan());
        assertThat(replayed.steps().get(12).command().params()).containsEntry(StepParams.POSITION, "0-2-42");
        assertThat(FlipMetrics.writeBlocked(run)).hasValueSatisfying(window -> assertThat(window.isNegative()).isFalse());
        assertThat(METERS.find(FlipMetrics.WRITE_BLOCKED).tag("order", run.plan().order().label()).timer())
                .as("the completed flip's write-blocked window").isNotNull()
                .satisfies(timer -> assertThat(timer.count()).isPositive());
    }

    @Test
    void aStepInFlightIsStillInFlightAfterTheReplayAndItsAnswerCarriesThePlanOn() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO);
        PlanRun run = orchestrator.submit(Plans.valid(null), "op", log);
        answer(orchestrator, run, 3);
        StepCommand inFlight = run.inFlight().orElseThrow().command();
        orchestrator.onStepEvent(StepEvent.started(inFlight, CLOCK), log);

        PlanRegistry restarted = replay();
        PlanRun replayed = restarted.find(run.id()).orElseThrow();
        assertSame(replayed, run);
        assertThat(replayed.inFlight()).get().extracting(StepRun::command).isEqualTo(inFlight);
        assertThat(replayed.inFlight().get().state()).isEqualTo(StepState.RUNNING);

        PlanOrchestrator carriesOn = orchestrator(restarted, Duration.ZERO);
        int before = log.commands.size();
        int eventsBefore = log.events.size();
        carriesOn.onStepEvent(StepEvent.succeeded(inFlight, Map.of(), CLOCK), log);
        carriesOn.onStepEvent(StepEvent.succeeded(inFlight, Map.of(), CLOCK), log);
        String next = replayed.steps().get(4).planned().stepId();
        assertThat(log.commands.subList(before, log.commands.size())).as("the next step went out in the FENCE command").isEmpty();
        assertThat(replayed.inFlight()).get().extracting(step -> step.planned().stepId()).isEqualTo(next);
        assertThat(log.events.subList(eventsBefore, log.events.size())).as("a redelivered answer schedules nothing more")
                .filteredOn(event -> event.kind() == io.handoff.common.event.PlanEventKind.STEP_SCHEDULED)
                .singleElement().extracting(io.handoff.common.event.PlanEvent::stepId).isEqualTo(next);
    }

    @Test
    void progressOfARunningStepIsShownAsItsFactsWithoutConfirmingItOrReachingThePlansLog() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO);
        PlanRun run = orchestrator.submit(Plans.valid(null), "op", log);
        answer(orchestrator, run, 3);
        StepCommand inFlight = run.inFlight().orElseThrow().command();
        orchestrator.onStepEvent(StepEvent.started(inFlight, CLOCK), log);
        int commandsBefore = log.commands.size();
        int eventsBefore = log.events.size();

        orchestrator.onStepEvent(StepEvent.progress(inFlight, Map.of("rows", 1200, "percent", 40), CLOCK), log);

        StepRun step = run.inFlight().orElseThrow();
        assertThat(step.command()).isEqualTo(inFlight);
        assertThat(step.state()).isEqualTo(StepState.RUNNING);
        assertThat(run.steps().get(3).facts()).as("the view shows these").containsEntry("rows", 1200).containsEntry("percent", 40);
        assertThat(log.commands.size()).as("no command sent").isEqualTo(commandsBefore);
        assertThat(log.events.size()).as("nothing written to the plan's log").isEqualTo(eventsBefore);

        orchestrator.onStepEvent(StepEvent.succeeded(inFlight, Map.of("rows", 3000), CLOCK), log);
        assertThat(run.steps().get(3).state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(run.steps().get(3).facts()).isEqualTo(Map.of("rows", 3000));
    }

    @Test
    void eachPlanTakesOneMoreThanTheHighestEpochOfAnyPlanAndTheReplayKeepsIt() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO);

        PlanRun first = orchestrator.submit(plan("first", "source", "target"), "op", log);
        PlanRun elsewhere = orchestrator.submit(plan("elsewhere", "east", "west"), "op", log);
        assertThatThrownBy(() -> orchestrator.submit(plan("busy", "target", "east"), "op", log))
                .isInstanceOf(PlanConflictException.class);
        answerAll(orchestrator, first);
        PlanRun back = orchestrator.flipBack(first.id(), "op", log);
        answerAll(orchestrator, back);
        answerAll(orchestrator, elsewhere);
        PlanRun across = orchestrator.submit(plan("across", "target", "east"), "op", log);

        assertThat(List.of(first, elsewhere, back, across)).extracting(PlanRun::fencingEpoch).containsExactly(1L, 2L, 3L, 4L);
        assertThat(log.commands).allSatisfy(command -> assertThat(command.fencingEpoch())
                .isEqualTo(live.find(command.planId()).orElseThrow().fencingEpoch()));

        PlanRegistry replayed = replay();
        assertThat(replayed.find(across.id()).orElseThrow().fencingEpoch()).isEqualTo(4);
        assertThat(replayed.find(first.id()).orElseThrow().flippedBackBy()).isEqualTo(back.id());
        assertThat(replayed.nextEpoch()).as("above every plan's, whatever clusters the next one names").isEqualTo(5);
    }

    @Test
    void aRetryableFailureIsTriedAgainAfterItsBackoffAsANewAttemptRecordedInTheLog() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ofSeconds(2));
        PlanRun run = orchestrator.submit(Plans.valid(null), "op", log);
        StepCommand first = run.inFlight().orElseThrow().command();
        orchestrator.onStepEvent(StepEvent.failed(first, Failure.transientFailure("connection reset", "nothing changed"),
                Map.of(), CLOCK), log);

        assertThat(run.retry()).isNotNull();
        assertThat(run.inFlight()).isEmpty();
        orchestrator.tick(log);
        assertThat(log.commands).as("not before its backoff").containsExactly(first);
        PlanRun replayed = replay().find(run.id()).orElseThrow();
        assertThat(replayed.retry()).isEqualTo(run.retry());
        assertThat(replayed.steps().get(0).state()).isEqualTo(StepState.FAILED);

        PlanRegistry now = new PlanRegistry();
        Log afterRestart = new Log();
        log.events.forEach(event -> new PlanFold().apply(now, event));
        PlanOrchestrator restarted = orchestrator(now, Duration.ZERO);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            restarted.tick(afterRestart);
            return !afterRestart.commands.isEmpty();
        });
        assertThat(afterRestart.commands).hasSize(1);
        assertThat(afterRestart.commands).first().satisfies(retry -> {
            assertThat(retry.attempt()).isEqualTo(2);
            assertThat(retry.commandId()).isEqualTo(StepCommand.commandIdFor(run.id(), first.stepId(), 2));
            assertThat(retry.params()).isEqualTo(first.params());
        });
        assertThat(afterRestart.events).extracting(PlanEvent::kind).containsExactly(PlanEventKind.STEP_SCHEDULED);
        assertThat(now.find(run.id()).orElseThrow().retry()).isNull();
    }

    @Test
    void anAbortRefusedWhileTheFenceRunsChangesNothingAndARollbackIsFoldedLikeEveryOtherDecision() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO);
        PlanRun run = orchestrator.submit(Plans.valid(null), "op", log);
        answer(orchestrator, run, 2);
        int events = log.events.size();
        assertThatThrownBy(() -> orchestrator.abort(run.id(), "op", log)).isInstanceOf(PlanConflictException.class)
                .hasMessageContaining("switches the applications' DNS");
        assertThat(log.events).hasSize(events);
        assertThat(replay().find(run.id()).orElseThrow().switchCarriedByFence()).as("rebuilt from the log after a restart")
                .isTrue();
        StepCommand failing = run.inFlight().orElseThrow().command();
        orchestrator.onStepEvent(StepEvent.failed(failing, Failure.terminal("the replica broke", "B read-only"), Map.of(),
                CLOCK), log);
        answerAll(orchestrator, run);

        PlanRun replayed = replay().find(run.id()).orElseThrow();
        assertThat(run.status()).isEqualTo(PlanStatus.ROLLED_BACK);
        assertSame(replayed, run);
        assertThat(replayed.rollback().state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(replayed.abortedBy()).isNull();
        assertThat(log.commands).extracting(StepCommand::type).doesNotContain(StepType.DNS_SWITCHES, StepType.SWITCH_DNS);
        assertThat(log.announced).as("applications hold at the fence and go back to the old master at the rollback")
                .extracting(ApplicationEvent::kind, ApplicationEvent::application).endsWith(
                        tuple(ApplicationEventKind.ROLLED_BACK, "storefront"), tuple(ApplicationEventKind.ROLLED_BACK, "billing"))
                .contains(tuple(ApplicationEventKind.FENCE_STARTED, "storefront"));
        assertThat(log.announced.get(log.announced.size() - 1).master()).isEqualTo(new ApplicationEvent.Address("127.0.0.2", 3306));
    }

    @Test
    void theFenceCommandCarriesTheApplicationsFenceStartedForRightBeforeTheOldMastersReadOnlyAndTheirNewMasterOnceWritable() {
        PlanOrchestrator orchestrator = orchestrator(new PlanRegistry(), Duration.ZERO);
        PlanRun run = orchestrator.submit(Plans.valid(null), "op", log);
        while (log.commands.stream().noneMatch(command -> command.type() == StepType.FENCE) && run.inFlight().isPresent()) {
            answer(orchestrator, run, 1);
        }
        StepCommand fence = log.commands.stream().filter(command -> command.type() == StepType.FENCE).findFirst().orElseThrow();
        StepRun readOnly = run.inFlight().orElseThrow();
        assertThat(readOnly.planned().type()).isEqualTo(StepType.READ_ONLY);
        assertThat(log.announced).as("nothing told while the FENCE command is on its way to cutover-service").isEmpty();
        assertThat(Announcements.before(fence, readOnly.planned().stepId()))
                .extracting(ApplicationEvent::kind, ApplicationEvent::application, ApplicationEvent::fencingEpoch)
                .containsExactly(tuple(ApplicationEventKind.FENCE_STARTED, "storefront", run.fencingEpoch()),
                        tuple(ApplicationEventKind.FENCE_STARTED, "billing", run.fencingEpoch()));

        orchestrator.onStepEvent(StepEvent.started(readOnly.command(), CLOCK), log);

        assertThat(log.announced).as("the planner's own copy follows the old master's READ_ONLY STARTED")
                .extracting(ApplicationEvent::kind, ApplicationEvent::application)
                .containsExactly(tuple(ApplicationEventKind.FENCE_STARTED, "storefront"),
                        tuple(ApplicationEventKind.FENCE_STARTED, "billing"));
        assertThat(run.steps()).filteredOn(step -> step.planned().type() == StepType.WRITABLE)
                .allSatisfy(step -> assertThat(step.state()).isNotEqualTo(StepState.SUCCEEDED));

        answerAll(orchestrator, run);

        assertThat(log.announced).extracting(ApplicationEvent::kind, ApplicationEvent::application).containsExactly(
                tuple(ApplicationEventKind.FENCE_STARTED, "storefront"), tuple(ApplicationEventKind.FENCE_STARTED, "billing"),
                tuple(ApplicationEventKind.MASTER_WRITABLE, "storefront"), tuple(ApplicationEventKind.MASTER_WRITABLE, "billing"));
        ApplicationEvent writable = log.announced.get(2);
        assertThat(writable.planId()).isEqualTo(run.id());
        assertThat(writable.fencingEpoch()).isEqualTo(run.fencingEpoch());
        assertThat(writable.master()).isEqualTo(new ApplicationEvent.Address("127.0.0.3", 3306));
        assertThat(writable.source()).isEqualTo(new ApplicationEvent.Address("127.0.0.2", 3306));
        assertThat(Json.fromJson(Json.toJson(writable), io.handoff.common.event.HandoffEvent.class)).isEqualTo(writable);
    }

    @Test
    void waitCaughtUpSendsNothingWhileTheLagIsHighAndPassesOnceItStayedLowForTheDuration() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO);
        PlanRun run = orchestrator.submit(Plans.whole("whole", "3s", null), "op", log);
        answer(orchestrator, run, 5);
        StepRun wait = run.steps().get(5);
        assertThat(wait.planned().type()).isEqualTo(StepType.WAIT_CAUGHT_UP);
        assertThat(wait.state()).isEqualTo(StepState.WAITING);
        int sent = log.commands.size();

        Instant t = Instant.now(); // samples are timed by the monitor's clock: fresh unless older than 2 s
        orchestrator.onLag(lag(run, 5_000, t), log);
        assertThat(wait.facts()).containsEntry("waitingFor", "lag 5000 ms is above 500 ms");
        orchestrator.onLag(LagSample.of(run.id(), 6_000, false, null, null, LagSample.UNKNOWN, LagSample.UNKNOWN,
                LagSample.UNKNOWN, t.plusMillis(100), "target's replication SQL thread is stopped: Error 'Duplicate entry'",
                Clock.systemUTC()), log);
        assertThat(wait.facts()).as("the operator reads why the target falls behind").containsEntry("waitingFor",
                "lag 6000 ms is above 500 ms; target's replication SQL thread is stopped: Error 'Duplicate entry'");
        for (long at = 500; at <= 3_000; at += 500) {
            orchestrator.onLag(lag(run, 100, t.plusMillis(at)), log);
        }
        assertThat(wait.state()).as("low for 2.5 s of 3 s").isEqualTo(StepState.WAITING);
        assertThat(String.valueOf(wait.facts().get("waitingFor"))).startsWith("lag at most 500 ms for 2500 ms");
        orchestrator.onLag(lag(run, 900, t.plusMillis(3_500)), log);
        orchestrator.onLag(lag(run, 100, t.plusMillis(3_600)), log);
        orchestrator.onLag(lag(run, 100, t.plusMillis(5_500)), log);
        orchestrator.onLag(lag(run, 100, t.plusMillis(6_500)), log);
        assertThat(wait.state()).as("a sample above the threshold starts the count again").isEqualTo(StepState.WAITING);
        assertThat(log.commands).hasSize(sent);

        orchestrator.onLag(lag(run, 100, t.plusMillis(8_600)), log);
        assertThat(wait.state()).as("a gap of more than 2 s between samples starts the count again").isEqualTo(StepState.WAITING);
        orchestrator.onLag(lag(run, 100, t.plusMillis(10_000)), log);
        orchestrator.onLag(lag(run, 100, t.plusMillis(11_600)), log);
        assertThat(wait.state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(wait.facts()).containsEntry("caughtUpForMs", 3_000).containsEntry("lagMs", 100)
                .containsEntry("caughtUpSince", t.plusMillis(8_600).toString());
        assertThat(log.commands.subList(sent, log.commands.size())).as("no command for WAIT_CAUGHT_UP; VERIFY next")
                .singleElement().extracting(StepCommand::type).isEqualTo(StepType.VERIFY);

        PlanRun replayed = replay().find(run.id()).orElseThrow();
        assertSame(replayed, run);
        assertThat(replayed.inFlight()).get().extracting(step -> step.planned().type()).isEqualTo(StepType.VERIFY);
    }

    @Test
    void driftOutsideTheAllowedTablesStopsThePlanFailedBeforeAnythingIsFencedNamingTablesAndKeys() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO);
        PlanRun run = orchestrator.submit(Plans.whole("whole", "1s", List.of("shop.audit")), "op", log);
        StepCommand verify = caughtUpUntilVerify(orchestrator, run);
        int sent = log.commands.size();

        orchestrator.onStepEvent(StepEvent.succeeded(verify, Map.of("drift", 4, "differences", List.of(
                difference("shop.orders", 7, "MISSING"), difference("shop.orders", 9, "DIFFERENT"),
                difference("shop.audit", 1, "EXTRA"), difference("shop.customers", 3, "EXTRA")),
                "differencesTruncated", false), CLOCK), log);

        StepCommand cleanup = run.inFlight().orElseThrow().command();
        assertThat(cleanup.stepId()).as("the monitor is stopped before the plan ends").isEqualTo(PlanCompiler.CLEANUP);
        assertThat(cleanup.type()).isEqualTo(StepType.STOP_MONITOR);
        assertThat(cleanup.params()).isEqualTo(run.steps().get(run.steps().size() - 1).planned().params());
        assertThat(run.status()).isEqualTo(PlanStatus.RUNNING);
        String reason = run.reason();
        answer(orchestrator, run, 1);

        assertThat(run.status()).isEqualTo(PlanStatus.FAILED);
        assertThat(run.reason()).as("the reason stays the failed step's").isEqualTo(reason);
        assertThat(run.cleanup().state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(run.reason()).startsWith("07-verify-target: VERIFY found drift: 4 difference(s), in shop.orders (2: MISSING id=7,"
                + " DIFFERENT id=9); shop.customers (1: EXTRA id=3) (drift allowed only in [shop.audit])")
                .contains("nothing to roll back");
        assertThat(run.steps().get(6).state()).isEqualTo(StepState.FAILED);
        assertThat(run.steps().get(6).facts()).containsEntry("drift", 4);
        assertThat(log.commands).as("nothing fenced, nothing rolled back: only the monitor stopped").hasSize(sent + 1);
        assertThat(run.rollback().state()).isEqualTo(StepState.PENDING);
        assertSame(replay().find(run.id()).orElseThrow(), run);
    }

    @Test
    void driftOnlyInAllowedTablesLetsThePlanGoOnUnlessSomeWasNotListed() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO);
        PlanRun allowed = orchestrator.submit(Plans.whole("allowed", "1s", List.of("shop.audit")), "op", log);
        StepCommand verify = caughtUpUntilVerify(orchestrator, allowed);

        orchestrator.onStepEvent(StepEvent.succeeded(verify, Map.of("drift", 1, "differences",
                List.of(difference("shop.audit", 1, "EXTRA")), "differencesTruncated", false), CLOCK), log);

        assertThat(allowed.steps().get(6).state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(allowed.inFlight()).get().extracting(step -> step.planned().type()).isEqualTo(StepType.FLUSH_TABLES);
        answerAll(orchestrator, allowed);
        assertThat(allowed.status()).isEqualTo(PlanStatus.COMPLETED);

        PlanRun truncated = orchestrator.submit(Plans.whole("truncated", "1s", List.of("shop.audit")), "op", log);
        StepCommand second = caughtUpUntilVerify(orchestrator, truncated);
        orchestrator.onStepEvent(StepEvent.succeeded(second, Map.of("drift", 50, "differences",
                List.of(difference("shop.audit", 1, "EXTRA")), "differencesTruncated", true), CLOCK), log);
        answer(orchestrator, truncated, 1);
        assertThat(truncated.status()).isEqualTo(PlanStatus.FAILED);
        assertThat(truncated.reason()).contains("49 not listed by the monitor");
    }

    @Test
    void aFailedPrepareStepEndsThePlanFailedWithoutARollbackAndATargetThatNeverCatchesUpToo() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO);
        PlanRun run = orchestrator.submit(Plans.whole("precheck", "1s", null), "op", log);
        orchestrator.onStepEvent(StepEvent.failed(run.inFlight().orElseThrow().command(),
                Failure.terminal("PRECHECK found 1 blocking problem(s): binlog_format is STATEMENT", "nothing was changed"),
                Map.of(), CLOCK), log);

        assertThat(run.status()).isEqualTo(PlanStatus.FAILED);
        assertThat(run.reason()).isEqualTo("01-precheck-target failed: PRECHECK found 1 blocking problem(s): binlog_format is"
                + " STATEMENT; state: nothing was changed; the flip had not started: nothing to roll back");
        assertThat(log.commands).extracting(StepCommand::type).containsExactly(StepType.PRECHECK);

        PlanRequest whole = Plans.whole("slow", null, null);
        PlanRun slow = orchestrator.submit(new PlanRequest("slow", "source", "target", whole.phases(), whole.prepare(),
                whole.flip(), new PlanRequest.Gates(500, null, "50ms", "200ms", null), null, whole.applications()), "op", log);
        answer(orchestrator, slow, 5);
        orchestrator.onLag(lag(slow, 9_000, Instant.now()), log);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            orchestrator.tick(log);
            return slow.inFlight().isPresent();
        });
        assertThat(slow.steps().get(5).state()).isEqualTo(StepState.FAILED);
        StepCommand stop = slow.inFlight().orElseThrow().command();
        assertThat(stop.stepId()).isEqualTo(PlanCompiler.CLEANUP);
        orchestrator.onStepEvent(StepEvent.failed(stop, Failure.terminal("monitor unreachable", "monitor may still run"), Map.of(),
                CLOCK), log);
        assertThat(slow.status()).isEqualTo(PlanStatus.FAILED);
        assertThat(slow.reason()).startsWith("06-wait-caught-up-target: the lag did not stay at most 500 ms for 50ms within 200ms")
                .endsWith("; stopping the monitor failed too: monitor unreachable (state: monitor may still run)");
        assertThat(log.commands).filteredOn(c -> c.planId().equals(slow.id())).extracting(StepCommand::type).containsExactly(
                StepType.PRECHECK, StepType.RETAIN_BINLOG, StepType.SEED, StepType.START_REPLICATION, StepType.START_MONITOR,
                StepType.STOP_MONITOR);
        assertSame(replay().find(slow.id()).orElseThrow(), slow);
    }

    @Test
    void aFlipThatEndsWithoutCompletingStopsItsMonitorFirstAndEndsAsItWould() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO);
        PlanRequest valid = Plans.valid(null);

        // The lag gate never opens: ABORTED, nothing fenced, after the monitor it started was stopped.
        PlanRun gated = orchestrator.submit(new PlanRequest("gated", "source", "target", valid.flip(),
                new PlanRequest.Gates(500, "200ms"), null, valid.applications()), "op", log);
        answer(orchestrator, gated, 2); // START_MONITOR, FLUSH_TABLES; READ_ONLY waits at its gate
        orchestrator.onLag(lag(gated, 9_000, Instant.now()), log);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            orchestrator.tick(log);
            return gated.inFlight().isPresent();
        });
        assertThat(gated.inFlight().orElseThrow().command().stepId()).isEqualTo(PlanCompiler.CLEANUP);
        assertThat(gated.status()).as("not over before the monitor stopped").isEqualTo(PlanStatus.RUNNING);
        answerAll(orchestrator, gated);
        assertThat(gated.status()).isEqualTo(PlanStatus.ABORTED);
        assertThat(gated.reason()).contains("not sent").contains("nothing was fenced");
        assertSame(replay().find(gated.id()).orElseThrow(), gated);

        // A step after the fence fails: ROLLBACK, then the monitor stopped, then ROLLED_BACK.
        PlanRun failing = orchestrator.submit(new PlanRequest("failing", "east", "west", valid.flip(),
                new PlanRequest.Gates(500, "1m"), null, valid.applications()), "op", log);
        answer(orchestrator, failing, 2);
        orchestrator.onLag(lag(failing, 100, Instant.now()), log);
        orchestrator.tick(log);
        answer(orchestrator, failing, 2); // READ_ONLY of both
        orchestrator.onStepEvent(StepEvent.failed(failing.inFlight().orElseThrow().command(),
                Failure.terminal("KILL refused", "sessions left"), Map.of(), CLOCK), log);
        answerAll(orchestrator, failing);
        assertThat(failing.status()).isEqualTo(PlanStatus.ROLLED_BACK);
        assertThat(log.commands).filteredOn(c -> c.planId().equals(failing.id())).extracting(StepCommand::type).endsWith(
                StepType.FENCE, StepType.ROLLBACK, StepType.STOP_MONITOR);
        assertSame(replay().find(failing.id()).orElseThrow(), failing);
    }

    @Test
    void aHealthCheckPassesOnA2xxAndOneThatNeverDoesStopsTheSequenceFailedNamingTheApplication() {
        Map<String, java.util.Deque<Integer>> statuses = new java.util.HashMap<>(Map.of(
                "http://storefront.test/health", new java.util.ArrayDeque<>(List.of(503, 200)),
                "http://billing.test/health", new java.util.ArrayDeque<>(List.of(503))));
        List<String> probed = new ArrayList<>();
        HealthProbe probe = (url, timeout, done) -> {
            probed.add(url.toString());
            java.util.Deque<Integer> answers = statuses.get(url.toString());
            int status = answers.size() > 1 ? answers.poll() : answers.peek();
            done.accept(new HealthProbe.Result(status, null, Instant.now()));
        };
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO, probe);
        PlanRun run = orchestrator.submit(Plans.withHealthChecks("checked", null, "1500ms", "http://storefront.test/health",
                "http://billing.test/health", null), "op", log);

        answer(orchestrator, run, 13);
        StepRun storefront = run.steps().get(13);
        assertThat(storefront.planned().stepId()).isEqualTo("14-check-health-storefront");
        assertThat(storefront.state()).isEqualTo(StepState.WAITING);
        orchestrator.tick(log);
        assertThat(String.valueOf(storefront.facts().get("waitingFor"))).contains("last: HTTP 503");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            orchestrator.tick(log);
            return storefront.state() == StepState.SUCCEEDED;
        });
        assertThat(storefront.facts()).containsEntry(StepParams.FACT_HTTP_STATUS, 200).containsEntry(StepParams.FACT_ATTEMPTS, 2);
        assertThat(run.inFlight()).get().extracting(step -> step.planned().stepId()).isEqualTo("15-switch-dns-billing");

        answer(orchestrator, run, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            orchestrator.tick(log);
            return run.status().terminal();
        });

        assertThat(run.status()).isEqualTo(PlanStatus.FAILED);
        assertThat(run.reason()).startsWith("16-check-health-billing: application 'billing': health check http://billing.test/health"
                + " did not answer 2xx within 1500ms; last: HTTP 503").contains("not switched: [app3]");
        StepRun billing = run.steps().get(15);
        assertThat(billing.state()).isEqualTo(StepState.FAILED);
        assertThat(billing.facts()).containsEntry(StepParams.FACT_HTTP_STATUS, 503);
        assertThat(run.steps().get(16).state()).as("app3 is not switched").isEqualTo(StepState.PENDING);
        assertThat(log.commands).filteredOn(c -> c.planId().equals(run.id())).extracting(StepCommand::type)
                .as("no command for a health check, none after the failed one").endsWith(StepType.SWITCH_DNS, StepType.SWITCH_DNS)
                .doesNotContain(StepType.CHECK_HEALTH, StepType.ROLLBACK);
        assertThat(probed).contains("http://billing.test/health");
        assertSame(replay().find(run.id()).orElseThrow(), run);
    }

    @Test
    void theAfterPhaseWaitsForThePointOfNoReturnFlipsBackUntilThenAndDecommissionsTheSourceAfterIt() {
        PlanRegistry live = new PlanRegistry();
        PlanOrchestrator orchestrator = orchestrator(live, Duration.ZERO);
        PlanRun run = orchestrator.submit(Plans.retiring("retiring"), "op", log);
        answerAll(orchestrator, run);

        StepRun pointOfNoReturn = run.steps().get(14);
        assertThat(pointOfNoReturn).isSameAs(run.pointOfNoReturn());
        assertThat(pointOfNoReturn.state()).isEqualTo(StepState.WAITING);
        assertThat(pointOfNoReturn.facts()).containsEntry("waitingFor", "waiting for the operator's approval 'point-of-no-return'");
        assertThat(run.status()).isEqualTo(PlanStatus.RUNNING);
        orchestrator.approve(run.id(), StepGate.POINT_OF_NO_RETURN_APPROVAL, "op", log);
        assertThat(run.inFlight().orElseThrow().command()).satisfies(command -> {
            assertThat(command.stepId()).isEqualTo("15-point-of-no-return-source");
            assertThat(command.type()).isEqualTo(StepType.RESET_REPLICA);
        });
        answerAll(orchestrator, run);
        assertThat(run.status()).isEqualTo(PlanStatus.COMPLETED);
        assertThat(run.pointOfNoReturnAt()).isNotNull();
        assertThat(log.commands).filteredOn(c -> c.planId().equals(run.id())).extracting(StepCommand::type)
                .endsWith(StepType.FENCE, StepType.RESET_REPLICA, StepType.DECOMMISSION);
        assertThatThrownBy(() -> orchestrator.flipBack(run.id(), "op", log)).isInstanceOf(PlanConflictException.class);
        assertThat(orchestrator.pointOfNoReturn(run.id(), "op", log).status()).as("declared again: nothing more")
                .isEqualTo(PlanStatus.COMPLETED);
        assertSame(replay().find(run.id()).orElseThrow(), run);

        PlanRun kept = orchestrator.submit(Plans.retiring("kept"), "op", log);
        answerAll(orchestrator, kept);
        PlanRun back = orchestrator.flipBack(kept.id(), "op", log);
        assertThat(kept.status()).isEqualTo(PlanStatus.COMPLETED);
        assertThat(kept.reason()).isEqualTo("flipped back by op before the point of no return: the after phase did not run");
        assertThat(kept.steps().get(14).state()).isEqualTo(StepState.FAILED);
        assertThat(kept.steps().get(15).state()).isEqualTo(StepState.PENDING);
        assertThat(kept.flippedBackBy()).isEqualTo(back.id());
        answerAll(orchestrator, back);
        assertThat(back.status()).isEqualTo(PlanStatus.COMPLETED);
        assertThatThrownBy(() -> orchestrator.pointOfNoReturn(kept.id(), "op", log)).isInstanceOf(PlanConflictException.class);
        assertSame(replay().find(kept.id()).orElseThrow(), kept);

        PlanRun ahead = orchestrator.submit(Plans.retiring("ahead"), "op", log);
        orchestrator.pointOfNoReturn(ahead.id(), "op", log);
        assertThat(ahead.approvals()).containsExactly(StepGate.POINT_OF_NO_RETURN_APPROVAL);
        answerAll(orchestrator, ahead);
        assertThat(ahead.status()).as("approved ahead of time: on through DECOMMISSION").isEqualTo(PlanStatus.COMPLETED);
        assertThat(ahead.steps()).extracting(StepRun::state).containsOnly(StepState.SUCCEEDED);
    }

    /** Answers the prepare steps up to WAIT_CAUGHT_UP, keeps the lag low for over a second, and returns VERIFY's command. */
    private StepCommand caughtUpUntilVerify(PlanOrchestrator orchestrator, PlanRun run) {
        answer(orchestrator, run, 5);
        Instant now = Instant.now();
        for (long ago = 1_200; ago >= 0; ago -= 400) {
            orchestrator.onLag(lag(run, 50, now.minusMillis(ago)), log);
        }
        StepCommand verify = run.inFlight().orElseThrow().command();
        assertThat(verify.type()).isEqualTo(StepType.VERIFY);
        assertThat(verify.params()).containsEntry(StepParams.SCHEMAS, List.of("shop"));
        return verify;
    }

    private static Map<String, Object> difference(String table, int id, String kind) {
        return Map.of("table", table, "key", Map.of("id", id), "kind", kind);
    }

    private static LagSample lag(PlanRun run, long lagMillis, Instant sampledAt) {
        return LagSample.of(run.id(), lagMillis, false, null, null, LagSample.UNKNOWN, LagSample.UNKNOWN, LagSample.UNKNOWN,
                sampledAt, CLOCK);
    }

    private static void assertSame(PlanRun replayed, PlanRun live) {
        assertThat(replayed.status()).isEqualTo(live.status());
        assertThat(replayed.reason()).isEqualTo(live.reason());
        assertThat(replayed.fencingEpoch()).isEqualTo(live.fencingEpoch());
        assertThat(replayed.submittedBy()).isEqualTo(live.submittedBy());
        assertThat(replayed.submittedAt()).isEqualTo(live.submittedAt());
        assertThat(replayed.finishedAt()).isEqualTo(live.finishedAt());
        List<StepRun> all = new ArrayList<>(live.steps());
        all.add(live.rollback());
        all.add(live.pointOfNoReturn());
        all.add(live.cleanup());
        for (StepRun step : all) {
            StepRun other = replayed.anyStep(step.planned().stepId()).orElseThrow();
            assertThat(other.state()).as(step.planned().stepId()).isEqualTo(step.state());
            assertThat(other.command()).as(step.planned().stepId()).isEqualTo(step.command());
            assertThat(other.facts()).as(step.planned().stepId()).isEqualTo(step.facts());
            assertThat(other.failure()).as(step.planned().stepId()).isEqualTo(step.failure());
            assertThat(other.scheduledAt()).isEqualTo(step.scheduledAt());
            assertThat(other.startedAt()).isEqualTo(step.startedAt());
            assertThat(other.finishedAt()).isEqualTo(step.finishedAt());
        }
    }

    /** Answers the command in flight, as the executors would, until none is. */
    private void answerAll(PlanOrchestrator orchestrator, PlanRun run) {
        answer(orchestrator, run, Integer.MAX_VALUE);
    }

    private void answer(PlanOrchestrator orchestrator, PlanRun run, int steps) {
        for (int i = 0; i < steps && run.inFlight().isPresent(); i++) {
            StepCommand command = run.inFlight().get().command();
            orchestrator.onStepEvent(StepEvent.started(command, CLOCK), log);
            orchestrator.onStepEvent(StepEvent.succeeded(command, facts(command), CLOCK), log);
        }
    }

    private static Map<String, Object> facts(StepCommand command) {
        if (command.type() == StepType.CAPTURE_POSITION || command.type() == StepType.SEED) {
            return Map.of(StepParams.FACT_POSITION, "0-2-42");
        }
        if (command.type() == StepType.VERIFY) {
            return Map.of("drift", 0, "differences", List.of());
        }
        if (command.type() == StepType.SWITCH_DNS) {
            return Map.of(StepParams.FACT_OLD_VALUES, Map.of("db.storefront.internal.example.", "127.0.0.2"),
                    StepParams.FACT_NEW_VALUES, Map.of("db.storefront.internal.example.", "127.0.0.3"));
        }
        return Map.of();
    }

    /** The registry a restarted planner builds: every logged event, read back from its JSON. */
    private PlanRegistry replay() {
        PlanRegistry registry = new PlanRegistry();
        PlanFold fold = new PlanFold();
        log.events.forEach(event -> fold.apply(registry, Json.fromJson(Json.toJson(event), PlanEvent.class)));
        return registry;
    }

    private static PlanRequest plan(String name, String source, String target) {
        PlanRequest valid = Plans.valid(null);
        return new PlanRequest(name, source, target, valid.flip(), null, null, valid.applications());
    }

    private static PlanOrchestrator orchestrator(PlanRegistry registry, Duration retryBackoff) {
        return orchestrator(registry, retryBackoff, (url, timeout, done) -> done.accept(new HealthProbe.Result(200, null,
                Instant.now())));
    }

    private static PlanOrchestrator orchestrator(PlanRegistry registry, Duration retryBackoff, HealthProbe probe) {
        return new PlanOrchestrator(registry, new PlannerConfig() {
            @Override
            public List<String> clusters() {
                return List.of("source", "target", "east", "west");
            }

            @Override
            public Duration stepTimeout() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Duration longStepTimeout() {
                return Duration.ofHours(7);
            }

            @Override
            public int retries() {
                return 2;
            }

            @Override
            public int flipRetries() {
                return 2;
            }

            @Override
            public int rollbackRetries() {
                return 8;
            }

            @Override
            public Duration retryBackoff() {
                return retryBackoff;
            }

            @Override
            public Duration maxRetryBackoff() {
                return Duration.ofHours(1);
            }

            @Override
            public String transactionalId() {
                return "test";
            }

            @Override
            public String consumerGroup() {
                return "test";
            }
        }, new FlipMetrics(METERS), probe);
    }

    /** An outbox that keeps what was written, in order, as the topics would. */
    private static final class Log implements PlanOutbox {
        final List<PlanEvent> events = new ArrayList<>();
        final List<StepCommand> commands = new ArrayList<>();
        final List<ApplicationEvent> announced = new ArrayList<>();

        @Override
        public void publish(PlanEvent event) {
            events.add(event);
        }

        @Override
        public void send(StepCommand command) {
            commands.add(command);
        }

        @Override
        public void announce(ApplicationEvent event) {
            announced.add(event);
        }
    }
}
