package io.handoff.planner.plan;

import io.handoff.common.event.ApplicationEventKind;
import io.handoff.common.event.PlanEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.planner.metrics.FlipMetrics;
import io.handoff.common.step.PlannerFacts;
import io.handoff.common.step.StepContracts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Moves a plan along its steps: sends the next one when its gate is open (or lets it WAIT), confirms the steps the
 * planner decides itself, sends the retry a plan owes, and ends a plan: through ROLLBACK when writes were fenced,
 * through the monitor's cleanup when the monitor runs, otherwise at once. The operator's verbs
 * ({@link PlanControls}) and the executors' reports ({@link StepOutcomes}) decide when; this decides what is sent.
 */
final class PlanSequencer {
    private static final Logger LOG = Logger.getLogger(PlanSequencer.class);

    private final PlanJournal journal;
    private final StepDispatch dispatch;
    private final HealthCheckStep healthCheck;
    private final ApplicationAnnouncer applications;
    private final FlipMetrics metrics;
    private final Clock clock;

    PlanSequencer(PlanJournal journal, StepDispatch dispatch, HealthCheckStep healthCheck, ApplicationAnnouncer applications,
            FlipMetrics metrics, Clock clock) {
        this.journal = journal;
        this.dispatch = dispatch;
        this.healthCheck = healthCheck;
        this.applications = applications;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Sends the next step, unless the plan is paused (resume sends it) or an abort was asked for (then
     * it ends here: ABORTED when nothing was fenced yet, otherwise through ROLLBACK).
     */
    void advance(PlanRun run, PlanOutbox out) {
        if (run.cleanup().state() != StepState.PENDING) {
            return; // the plan is ending: only the monitor's cleanup runs
        }
        Optional<StepRun> ahead = run.nextPending().filter(step -> run.sentAhead(step) || run.followsFence(step));
        if (ahead.isPresent()) {
            // cutover-service runs the fence in flight to its end or its first failure, and then sends the applications'
            // switch it carries: a pause or an abort takes effect after them.
            dispatch.sendFirst(run, ahead.get(), out);
            return;
        }
        if (run.abortedBy() != null) {
            stopForAbort(run, out);
            return;
        }
        if (run.status() == PlanStatus.PAUSED) {
            LOG.infof("plan '%s' paused: the next step waits for resume", run.plan().name());
            return;
        }
        Optional<StepRun> next = run.nextPending();
        if (next.isPresent()) {
            dispatch(run, next.get(), out);
        } else {
            finish(run, PlanStatus.COMPLETED, null, out);
        }
    }

    /**
     * Sends the step's first command, unless its gate is closed: then the step WAITs (nothing is sent,
     * so writes are not fenced) until a lag sample, an approval or the clock opens the gate, or the gate
     * can no longer open and the plan ends. A step {@linkplain PlannedStep#decidedByPlanner() decided by
     * the planner} is confirmed once its gate opens, and the plan goes on.
     */
    void dispatch(PlanRun run, StepRun step, PlanOutbox out) {
        PlannedStep planned = step.planned();
        if (planned.type() == StepType.CHECK_HEALTH) {
            HealthCheckStep.Verdict verdict = healthCheck.check(run, step, out);
            if (verdict instanceof HealthCheckStep.Verdict.Passed) {
                advance(run, out);
            } else if (verdict instanceof HealthCheckStep.Verdict.Failed failed) {
                end(run, PlanStatus.FAILED, failed.reason(), out);
            }
            return;
        }
        if (planned.gate() != null) {
            Instant now = clock.instant();
            Optional<String> expired = GateCheck.expiredBecause(planned.gate(),
                    step.state() == StepState.WAITING ? step.waitingSince() : now, now);
            if (expired.isPresent()) {
                gateExpired(run, step, expired.get(), out);
                return;
            }
            Optional<String> closed = GateCheck.closedBecause(planned.gate(), run.approvals(), run.lastLag(),
                    run.caughtUpSince(), now);
            if (closed.isPresent()) {
                if (step.state() != StepState.WAITING) {
                    LOG.infof("%s waits: %s", planned.stepId(), closed.get());
                    journal.publish(run, PlanEventKind.STEP_SCHEDULED, planned.stepId(),
                            Map.of(PlanFold.WAITING_FOR, closed.get()), out);
                } else {
                    synchronized (run) {
                        // Only the wording of the wait: it follows the lag samples and the clock, not the log.
                        step.waiting(step.waitingSince(), closed.get());
                    }
                }
                return;
            }
            if (step.state() == StepState.WAITING) {
                journal.publish(run, PlanEventKind.GATE_PASSED, planned.stepId(), run.lastLag() == null ? Map.of()
                        : Map.of("lagMs", run.lastLag().lagMillis()), out);
            }
        }
        if (planned.decidedByPlanner()) {
            confirmCaughtUp(run, step, out);
            return;
        }
        dispatch.sendFirst(run, step, out);
    }

    /** Sends the retry the plan owes once its time came, unless the plan is paused (resume sends it). */
    void retryIfDue(PlanRun run, PlanOutbox out) {
        PlanRun.Retry retry = run.retry();
        boolean going = run.status() == PlanStatus.RUNNING || run.status() == PlanStatus.ROLLING_BACK;
        if (retry == null || !going || clock.instant().isBefore(retry.at())) {
            return;
        }
        dispatch.retry(run, run.anyStep(retry.stepId()).orElseThrow(), out);
    }

    /** The plan was aborted and nothing is in flight: ROLLBACK when writes were fenced, otherwise it ends ABORTED. */
    void stopForAbort(PlanRun run, PlanOutbox out) {
        String why = "aborted by " + run.abortedBy();
        if (run.fencingStarted()) {
            LOG.warnf("%s after writes were fenced: rolling back", why);
            rollBack(run, why, out);
        } else {
            run.waiting().ifPresent(step -> journal.publish(run, PlanEventKind.STEP_FAILED, step.planned().stepId(),
                    Map.of(PlanFold.REASON, why, PlanFold.RETRYABLE, false, PlanFold.STATE, "nothing fenced"), out));
            end(run, PlanStatus.ABORTED, why + " before anything was fenced: nothing to undo", out);
        }
    }

    /** Sends the plan's ROLLBACK (its next attempt when it ran before), saying {@code why}. */
    void rollBack(PlanRun run, String why, PlanOutbox out) {
        dispatch.issue(run, run.rollback(), run.rollback().command() == null ? 1 : run.rollback().command().attempt() + 1,
                Map.of(PlanFold.REASON, why), out);
    }

    /**
     * A gate that can no longer open ends the plan before anything was fenced: nothing to undo. In the
     * prepare phase (the target did not catch up) the plan ends FAILED, as after a failed step.
     */
    void gateExpired(PlanRun run, StepRun step, String why, PlanOutbox out) {
        if (step.planned().phase() == Phase.PREPARE) {
            stopAtGate(run, step, step.planned().type() == StepType.WAIT_CAUGHT_UP ? "caught-up" : "gate", why, null,
                    Map.of(), clock.instant(), out);
            return;
        }
        journal.publish(run, PlanEventKind.STEP_FAILED, step.planned().stepId(), Map.of(PlanFold.REASON, why,
                PlanFold.RETRYABLE, false, PlanFold.STATE, "nothing fenced: A still takes writes"), out);
        end(run, PlanStatus.ABORTED, step.planned().stepId() + " not sent: " + why + "; nothing was fenced", out);
    }

    /**
     * The prepare phase stops at {@code gate}: the step is logged FAILED (terminal, with the facts it
     * has) and the plan ends FAILED before anything was fenced, so there is nothing to roll back.
     */
    void stopAtGate(PlanRun run, StepRun step, String gate, String why, String commandId, Map<String, Object> facts,
            Instant at, PlanOutbox out) {
        String stepId = step.planned().stepId();
        String state = "nothing fenced, nothing to roll back: A takes writes, B replicates from A";
        LOG.warnf("%s stops the plan at its gate '%s': %s", stepId, gate, why);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(PlanFold.REASON, why);
        details.put(PlanFold.RETRYABLE, false);
        details.put(PlanFold.STATE, state);
        details.put(PlanFold.GATE, gate);
        details.put(PlanFold.FACTS, facts);
        details.put(PlanFold.AT, at);
        if (commandId != null) {
            details.put(PlanFold.COMMAND_ID, commandId);
        }
        journal.publish(run, PlanEventKind.STEP_FAILED, stepId, details, out);
        end(run, PlanStatus.FAILED, stepId + ": " + why + "; " + state, out);
    }

    /**
     * Ends a plan that did not complete ({@code status}: FAILED, ABORTED or ROLLED_BACK) with {@code reason};
     * when the plan's monitor runs (its START_MONITOR succeeded, its STOP_MONITOR did not), the monitor is
     * stopped first (the cleanup STOP_MONITOR, with the final one's params) and the plan ends once it is
     * answered, with the same status and reason: no plan leaves a monitor behind.
     */
    void end(PlanRun run, PlanStatus status, String reason, PlanOutbox out) {
        if (run.monitorRunning() && run.cleanup().state() == StepState.PENDING) {
            LOG.infof("stopping the monitor before the plan ends %s: %s", status, reason);
            dispatch.issue(run, run.cleanup(), 1, Map.of(PlanFold.REASON, reason, PlanFold.STATUS, status.name()), out);
            return;
        }
        finish(run, status, reason, out);
    }

    /** Logs the plan's end with {@code status}; a completed flip is counted, a rolled back one announced. */
    void finish(PlanRun run, PlanStatus status, String reason, PlanOutbox out) {
        LOG.infof("plan '%s' %s%s", run.plan().name(), status, reason == null ? "" : ": " + reason);
        journal.publish(run, switch (status) {
            case COMPLETED -> PlanEventKind.COMPLETED;
            case ROLLED_BACK -> PlanEventKind.ROLLED_BACK;
            default -> PlanEventKind.ABORTED;
        }, null, reason == null ? Map.of(PlanFold.STATUS, status.name())
                : Map.of(PlanFold.STATUS, status.name(), PlanFold.REASON, reason), out);
        if (status == PlanStatus.COMPLETED) {
            metrics.completed(run);
        }
        if (status == PlanStatus.ROLLED_BACK) {
            applications.announce(run, ApplicationEventKind.ROLLED_BACK, out);
        }
    }

    /** WAIT_CAUGHT_UP's gate opened: the step is confirmed with what the samples showed, and the plan goes on. */
    private void confirmCaughtUp(PlanRun run, StepRun step, PlanOutbox out) {
        Instant now = clock.instant();
        FlipPlan.CaughtUp caughtUp = run.plan().caughtUp();
        Map<String, Object> facts = StepContracts.facts(new PlannerFacts.WaitCaughtUp(run.lastLag().lagMillis(),
                caughtUp.maxLagMs(), run.caughtUpSince(),
                Duration.between(run.caughtUpSince(), run.lastLag().sampledAt()).toMillis(),
                step.waitingSince() == null ? 0 : Duration.between(step.waitingSince(), now).toMillis()));
        LOG.infof("%s: lag at most %d ms since %s", step.planned().stepId(), caughtUp.maxLagMs(), run.caughtUpSince());
        journal.publish(run, PlanEventKind.STEP_CONFIRMED, step.planned().stepId(), Map.of(PlanFold.FACTS, facts, PlanFold.AT,
                now), out);
        advance(run, out);
    }
}
