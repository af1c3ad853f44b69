package io.handoff.planner.plan;

import io.handoff.common.event.PlanEventKind;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The operator's verbs on plans: submit, flip back, point of no return, approve, pause, resume, abort. Each checks
 * that the plan is in a state where the verb means something (otherwise {@link PlanConflictException}, 409), logs
 * what the operator did and lets the {@link PlanSequencer} go on from there.
 */
final class PlanControls {
    private static final Logger LOG = Logger.getLogger(PlanControls.class);

    private final PlanRegistry registry;
    private final PlanJournal journal;
    private final PlanSequencer sequencer;
    private final StepDispatch dispatch;
    private final PlanCompiler compiler;
    private final Clock clock;

    PlanControls(PlanRegistry registry, PlanJournal journal, PlanSequencer sequencer, StepDispatch dispatch,
            PlanCompiler compiler, Clock clock) {
        this.registry = registry;
        this.journal = journal;
        this.sequencer = sequencer;
        this.dispatch = dispatch;
        this.compiler = compiler;
        this.clock = clock;
    }

    /** Starts a validated plan with the next fencing epoch; {@code flipBackOf} names the flip it reverses, or null. */
    PlanRun start(FlipPlan plan, String flipBackOf, String by, PlanOutbox out) {
        registry.checkClustersFree(plan);
        long epoch = registry.nextEpoch();
        String id = UUID.randomUUID().toString();
        PlanLogContext.withPlan(id, null, () -> {
            Map<String, Object> details = new LinkedHashMap<>(Map.of("name", plan.name(), "source", plan.source(),
                    "target", plan.target(), "order", plan.order().label(), "steps", compiler.compile(plan).steps().size(),
                    PlanFold.BY, by, PlanFold.EPOCH, epoch, PlanFold.PLAN, plan));
            if (flipBackOf != null) {
                details.put(PlanFold.FLIP_BACK_OF, flipBackOf);
            }
            journal.publish(id, PlanEventKind.SUBMITTED, null, details, out);
            PlanRun run = find(id);
            LOG.infof("plan '%s' submitted by %s: %s -> %s, %s, %d steps, fencing epoch %d", plan.name(), by, plan.source(),
                    plan.target(), plan.order().label(), run.steps().size(), epoch);
            sequencer.dispatch(run, run.steps().get(0), out);
        });
        return find(id);
    }

    /**
     * Starts the flip back of a COMPLETED flip: A and B swapped, DNS back to the values the switch
     * replaced. Refused (409) before completion, after the point of no return, or when done already.
     */
    PlanRun flipBack(String planId, String by, PlanOutbox out) {
        PlanRun original = find(planId);
        boolean beforePointOfNoReturn = awaitsPointOfNoReturn(original);
        if (original.status() != PlanStatus.COMPLETED && !beforePointOfNoReturn) {
            throw new PlanConflictException("plan " + planId + " is " + original.status() + ": only a completed flip can be flipped back");
        }
        if (!original.plan().flips()) {
            throw new PlanConflictException("plan " + planId + " has no flip phase: nothing to flip back");
        }
        if (original.pointOfNoReturn().state() != StepState.PENDING && !beforePointOfNoReturn) {
            throw new PlanConflictException("plan " + planId + " is past its point of no return: reverse replication "
                    + "has ended, a flip back would lose the writes made since; flip back refused");
        }
        if (original.flippedBackBy() != null) {
            throw new PlanConflictException("plan " + planId + " was already flipped back by plan " + original.flippedBackBy());
        }
        if (beforePointOfNoReturn) {
            // The after phase is given up: the flip itself completed, and the flip back takes the clusters.
            PlanLogContext.withPlan(original.id(), original.pointOfNoReturn().planned().stepId(), () -> {
                String why = "flipped back by " + by + " before the point of no return: the after phase did not run";
                journal.publish(original, PlanEventKind.STEP_FAILED, original.pointOfNoReturn().planned().stepId(),
                        Map.of(PlanFold.REASON, "not run: " + why, PlanFold.RETRYABLE, false, PlanFold.STATE,
                                "reverse replication kept: A replicates from B until the flip back fences B", PlanFold.AT,
                                clock.instant()), out);
                sequencer.finish(original, PlanStatus.COMPLETED, why, out);
            });
        }
        return start(FlipBack.of(original), planId, by, out);
    }

    /**
     * True when {@code run}'s after phase waits at its point of no return: every step before it confirmed,
     * nothing in flight, the point of no return not sent yet. The flip is done and can still be flipped back.
     */
    private static boolean awaitsPointOfNoReturn(PlanRun run) {
        if (!run.pointOfNoReturnIsAStep() || run.status().terminal() || run.status() == PlanStatus.ROLLING_BACK
                || run.inFlight().isPresent()) {
            return false;
        }
        StepState state = run.pointOfNoReturn().state();
        return (state == StepState.PENDING || state == StepState.WAITING) && run.steps().stream()
                .takeWhile(step -> step != run.pointOfNoReturn()).allMatch(step -> step.state() == StepState.SUCCEEDED);
    }

    /**
     * Ends reverse replication of a COMPLETED flip (A stops replicating from B); from then on flip back
     * is refused. Repeating the request while it runs or after it succeeded changes nothing.
     */
    PlanRun pointOfNoReturn(String planId, String by, PlanOutbox out) {
        PlanRun run = find(planId);
        if (run.pointOfNoReturnIsAStep()) {
            return pointOfNoReturnStep(run, by, out);
        }
        if (run.status() != PlanStatus.COMPLETED) {
            throw new PlanConflictException("plan " + planId + " is " + run.status() + ": the point of no return follows a completed flip");
        }
        if (!run.plan().flips()) {
            throw new PlanConflictException("plan " + planId + " has no flip phase: there is no reverse replication to end");
        }
        if (run.flippedBackBy() != null) {
            throw new PlanConflictException("plan " + planId + " was flipped back by plan " + run.flippedBackBy()
                    + ": declare the point of no return on that plan");
        }
        StepRun step = run.pointOfNoReturn();
        if (step.state() == StepState.PENDING || step.state() == StepState.FAILED) {
            PlanLogContext.withPlan(run.id(), step.planned().stepId(), () -> {
                LOG.infof("point of no return declared by %s", by);
                journal.publish(run, PlanEventKind.GATE_PASSED, step.planned().stepId(),
                        Map.of(PlanFold.GATE, "point-of-no-return", PlanFold.BY, by), out);
                dispatch.issue(run, step, nextAttempt(step), Map.of(), out);
            });
        }
        return run;
    }

    /**
     * The point of no return of a plan with the after phase: the operator's approval of its step (given
     * ahead of time, it lets the step go as soon as the flip is done); a step that failed is sent again.
     * Refused (409) once the plan ended otherwise or was flipped back.
     */
    private PlanRun pointOfNoReturnStep(PlanRun run, String by, PlanOutbox out) {
        StepRun step = run.pointOfNoReturn();
        if (run.flippedBackBy() != null) {
            throw new PlanConflictException("plan " + run.id() + " was flipped back by plan " + run.flippedBackBy()
                    + ": declare the point of no return on that plan");
        }
        if (run.status().terminal()) {
            if (step.state() == StepState.SUCCEEDED) {
                return run;
            }
            throw new PlanConflictException("plan " + run.id() + " is " + run.status() + ": its point of no return was not reached");
        }
        if (step.state() == StepState.FAILED) {
            PlanLogContext.withPlan(run.id(), step.planned().stepId(), () -> {
                LOG.infof("point of no return declared again by %s", by);
                journal.publish(run, PlanEventKind.GATE_PASSED, step.planned().stepId(),
                        Map.of(PlanFold.GATE, StepGate.POINT_OF_NO_RETURN_APPROVAL, PlanFold.BY, by), out);
                dispatch.issue(run, step, nextAttempt(step), Map.of(), out);
            });
            return run;
        }
        return approve(run.id(), StepGate.POINT_OF_NO_RETURN_APPROVAL, by, out);
    }

    private static int nextAttempt(StepRun step) {
        return step.command() == null ? 1 : step.command().attempt() + 1;
    }

    /**
     * Records the operator's approval of {@code gate}; a step waiting for it goes on. Approving twice
     * changes nothing; a gate the plan does not list is refused (409). A plan with the after phase asks for
     * {@value StepGate#POINT_OF_NO_RETURN_APPROVAL} too.
     */
    PlanRun approve(String planId, String gate, String by, PlanOutbox out) {
        PlanRun run = find(planId);
        boolean pointOfNoReturn = StepGate.POINT_OF_NO_RETURN_APPROVAL.equals(gate) && run.pointOfNoReturnIsAStep();
        if (!run.plan().approvals().contains(gate) && !pointOfNoReturn) {
            throw new PlanConflictException("plan " + planId + " asks for no approval '" + gate + "'; it asks for "
                    + run.plan().approvals());
        }
        if (run.status().terminal()) {
            throw new PlanConflictException("plan " + planId + " is " + run.status() + ": nothing to approve");
        }
        if (!run.approvals().contains(gate)) {
            PlanLogContext.withPlan(run.id(), null, () -> {
                LOG.infof("approval '%s' given by %s", gate, by);
                journal.publish(run, PlanEventKind.GATE_PASSED, null, Map.of(PlanFold.APPROVAL, gate, PlanFold.BY, by), out);
                if (run.status() == PlanStatus.RUNNING && run.abortedBy() == null) {
                    run.waiting().ifPresent(step -> sequencer.dispatch(run, step, out));
                }
            });
        }
        return run;
    }

    /** Pauses a running plan: the step in flight finishes, the next one waits for {@link #resume}. */
    PlanRun pause(String planId, String by, PlanOutbox out) {
        PlanRun run = find(planId);
        if (run.status() != PlanStatus.RUNNING && run.status() != PlanStatus.PAUSED) {
            throw new PlanConflictException("plan " + planId + " is " + run.status() + ": only a running plan can be paused");
        }
        if (run.status() == PlanStatus.RUNNING) {
            PlanLogContext.withPlan(run.id(), null, () -> journal.publish(run, PlanEventKind.GATE_PASSED, null,
                    Map.of(PlanFold.CONTROL, PlanFold.PAUSE, PlanFold.BY, by), out));
        }
        return run;
    }

    /** Resumes a paused plan with its next step (or the retry it owes). */
    PlanRun resume(String planId, String by, PlanOutbox out) {
        PlanRun run = find(planId);
        if (run.status() != PlanStatus.PAUSED) {
            throw new PlanConflictException("plan " + planId + " is " + run.status() + ": only a paused plan can be resumed");
        }
        PlanLogContext.withPlan(run.id(), null, () -> {
            journal.publish(run, PlanEventKind.GATE_PASSED, null, Map.of(PlanFold.CONTROL, PlanFold.RESUME, PlanFold.BY, by),
                    out);
            if (run.inFlight().isEmpty()) {
                if (run.retry() != null) {
                    sequencer.retryIfDue(run, out);
                } else {
                    run.waiting().ifPresentOrElse(step -> sequencer.dispatch(run, step, out), () -> sequencer.advance(run, out));
                }
            }
        });
        return run;
    }

    /**
     * Aborts a plan before its DNS switch: at once when no step is in flight, otherwise when the step in
     * flight has been answered. Nothing fenced yet: ABORTED; writes fenced: ROLLBACK, then ROLLED_BACK.
     * After the DNS switch began, or while the FENCE command that carries it runs, abort is refused (409): flip back
     * instead.
     */
    PlanRun abort(String planId, String by, PlanOutbox out) {
        PlanRun run = find(planId);
        if (run.status().terminal() || run.status() == PlanStatus.ROLLING_BACK) {
            throw new PlanConflictException("plan " + planId + " is " + run.status() + ": nothing to abort");
        }
        if (run.dnsSwitchStarted()) {
            throw new PlanConflictException("plan " + planId + (run.switchCarriedByFence()
                    ? " is running its fence, which switches the applications' DNS as soon as the new master is writable"
                    : " has begun switching DNS") + ": it cannot be aborted, flip it back once the flip is done");
        }
        if (run.abortedBy() == null) {
            PlanLogContext.withPlan(run.id(), null, () -> {
                journal.publish(run, PlanEventKind.GATE_PASSED, null, Map.of(PlanFold.CONTROL, PlanFold.ABORT, PlanFold.BY, by),
                        out);
                if (run.inFlight().isEmpty()) {
                    sequencer.stopForAbort(run, out);
                }
            });
        }
        return run;
    }

    private PlanRun find(String planId) {
        return registry.find(planId).orElseThrow(() -> new PlanNotFoundException(planId));
    }
}
