package io.handoff.planner.plan;

import io.handoff.planner.metrics.FlipMetrics;
import io.handoff.common.event.Failure;
import io.handoff.common.event.Announcements;
import io.handoff.common.event.ApplicationEventKind;
import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.FollowUp;
import io.handoff.common.event.HandoffEvent;
import io.handoff.common.event.LagSample;
import io.handoff.common.event.PlanEvent;
import io.handoff.common.event.PlanEventKind;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.planner.config.PlannerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Decides what plans do next: sends a step's command, waits for its confirmation, then sends the next.
 * A step of the flip that fails before the first SWITCH_DNS makes it run ROLLBACK and end ROLLED_BACK;
 * a later failure ends the plan FAILED for the operator. A step of the prepare phase that fails (or a
 * VERIFY whose drift the plan does not allow, or a WAIT_CAUGHT_UP that waited too long) ends the plan
 * FAILED: nothing was fenced, so there is nothing to roll back. WAIT_CAUGHT_UP sends no command: its
 * gate, fed by the monitor's lag samples, decides it, and the planner confirms it. A failure the
 * executor marks retryable is tried again as a new attempt after an exponential backoff, up to the
 * configured retries; a step not confirmed by its deadline (plus the step timeout) fails. When the
 * plan ends without completing while its monitor runs, the monitor is stopped (the cleanup step) before it ends.
 * CHECK_HEALTH sends no command either: the planner probes the application's URL itself, asynchronously.
 * With the after phase, the point of no return waits for the operator's approval (flip back stays
 * possible until then), then DECOMMISSION retires A.
 *
 * <p>Event sourced: a decision changes nothing directly. It writes plan events, which {@link PlanFold}
 * applies to the plans at once, and commands, both to the {@link PlanOutbox} of the action, which the
 * caller commits in one Kafka transaction. So the state after a restart (the fold of
 * {@code handoff.plans}) is the state before it, and a command is on its topic exactly when the
 * STEP_SCHEDULED that names it is in the log.
 *
 * <p>Threads: only the planner's orchestrator thread calls the methods that take an outbox (see
 * {@code PlanLog}); {@link #dryRun} may be called from any thread.
 */
@ApplicationScoped
public class PlanOrchestrator {
    private static final Logger LOG = Logger.getLogger(PlanOrchestrator.class);

    private final PlanRegistry registry;
    private final PlannerConfig config;
    private final FlipMetrics metrics;
    private final PlanValidator validator;
    private final HealthProbe healthProbe;
    private final PlanCompiler compiler = new PlanCompiler();
    private final PlanFold fold = new PlanFold();
    private final Clock clock = Clock.systemUTC();
    private final ApplicationAnnouncer applications = new ApplicationAnnouncer(clock);

    /** How often a CHECK_HEALTH probes its URL while it does not answer 2xx. */
    static final Duration HEALTH_PROBE_INTERVAL = Duration.ofSeconds(1);
    /** The longest one health check request may take. */
    static final Duration HEALTH_PROBE_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    public PlanOrchestrator(PlanRegistry registry, PlannerConfig config, FlipMetrics metrics, HealthProbe healthProbe) {
        this.registry = registry;
        this.config = config;
        this.metrics = metrics;
        this.healthProbe = healthProbe;
        this.validator = new PlanValidator(new HashSet<>(config.clusters()));
    }

    /** Without health checks to probe (every probe gets no answer). */
    public PlanOrchestrator(PlanRegistry registry, PlannerConfig config, FlipMetrics metrics) {
        this(registry, config, metrics, (url, timeout, done) -> done.accept(new HealthProbe.Result(null, "no prober",
                Clock.systemUTC().instant())));
    }

    /** Folds one event read back from {@code handoff.plans} (start-up, or after a failed transaction). */
    public void replay(PlanEvent event) {
        fold.apply(registry, event);
    }

    /** A validated plan and its compiled steps. */
    public record DryRun(FlipPlan plan, PlanCompiler.Compiled compiled) {
    }

    /** Validates and compiles {@code request} without starting or sending anything. */
    public DryRun dryRun(PlanRequest request) {
        FlipPlan plan = validator.validate(request);
        return new DryRun(plan, compiler.compile(plan));
    }

    /** Validates, compiles and starts {@code request}; throws {@link InvalidPlanException} or {@link PlanConflictException}. */
    public PlanRun submit(PlanRequest request, String by, PlanOutbox out) {
        return start(validator.validate(request), null, by, out);
    }

    /**
     * Starts the flip back of a COMPLETED flip: A and B swapped, DNS back to the values the switch
     * replaced. Refused (409) before completion, after the point of no return, or when done already.
     */
    public PlanRun flipBack(String planId, String by, PlanOutbox out) {
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
            withPlan(original.id(), original.pointOfNoReturn().planned().stepId(), () -> {
                String why = "flipped back by " + by + " before the point of no return: the after phase did not run";
                publish(original, PlanEventKind.STEP_FAILED, original.pointOfNoReturn().planned().stepId(), Map.of(PlanFold.REASON,
                        "not run: " + why, PlanFold.RETRYABLE, false, PlanFold.STATE,
                        "reverse replication kept: A replicates from B until the flip back fences B", PlanFold.AT, clock.instant()), out);
                finish(original, PlanStatus.COMPLETED, why, out);
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
    public PlanRun pointOfNoReturn(String planId, String by, PlanOutbox out) {
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
            withPlan(run.id(), step.planned().stepId(), () -> {
                LOG.infof("point of no return declared by %s", by);
                publish(run, PlanEventKind.GATE_PASSED, step.planned().stepId(),
                        Map.of(PlanFold.GATE, "point-of-no-return", PlanFold.BY, by), out);
                issue(run, step, step.command() == null ? 1 : step.command().attempt() + 1, Map.of(), out);
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
            withPlan(run.id(), step.planned().stepId(), () -> {
                LOG.infof("point of no return declared again by %s", by);
                publish(run, PlanEventKind.GATE_PASSED, step.planned().stepId(),
                        Map.of(PlanFold.GATE, StepGate.POINT_OF_NO_RETURN_APPROVAL, PlanFold.BY, by), out);
                issue(run, step, step.command() == null ? 1 : step.command().attempt() + 1, Map.of(), out);
            });
            return run;
        }
        return approve(run.id(), StepGate.POINT_OF_NO_RETURN_APPROVAL, by, out);
    }

    /**
     * Records the operator's approval of {@code gate}; a step waiting for it goes on. Approving twice
     * changes nothing; a gate the plan does not list is refused (409). A plan with the after phase asks for
     * {@value StepGate#POINT_OF_NO_RETURN_APPROVAL} too.
     */
    public PlanRun approve(String planId, String gate, String by, PlanOutbox out) {
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
            withPlan(run.id(), null, () -> {
                LOG.infof("approval '%s' given by %s", gate, by);
                publish(run, PlanEventKind.GATE_PASSED, null, Map.of(PlanFold.APPROVAL, gate, PlanFold.BY, by), out);
                if (run.status() == PlanStatus.RUNNING && run.abortedBy() == null) {
                    run.waiting().ifPresent(step -> dispatch(run, step, out));
                }
            });
        }
        return run;
    }

    /** Pauses a running plan: the step in flight finishes, the next one waits for {@link #resume}. */
    public PlanRun pause(String planId, String by, PlanOutbox out) {
        PlanRun run = find(planId);
        if (run.status() != PlanStatus.RUNNING && run.status() != PlanStatus.PAUSED) {
            throw new PlanConflictException("plan " + planId + " is " + run.status() + ": only a running plan can be paused");
        }
        if (run.status() == PlanStatus.RUNNING) {
            withPlan(run.id(), null, () -> publish(run, PlanEventKind.GATE_PASSED, null,
                    Map.of(PlanFold.CONTROL, PlanFold.PAUSE, PlanFold.BY, by), out));
        }
        return run;
    }

    /** Resumes a paused plan with its next step (or the retry it owes). */
    public PlanRun resume(String planId, String by, PlanOutbox out) {
        PlanRun run = find(planId);
        if (run.status() != PlanStatus.PAUSED) {
            throw new PlanConflictException("plan " + planId + " is " + run.status() + ": only a paused plan can be resumed");
        }
        withPlan(run.id(), null, () -> {
            publish(run, PlanEventKind.GATE_PASSED, null, Map.of(PlanFold.CONTROL, PlanFold.RESUME, PlanFold.BY, by), out);
            if (run.inFlight().isEmpty()) {
                if (run.retry() != null) {
                    retryIfDue(run, out);
                } else {
                    run.waiting().ifPresentOrElse(step -> dispatch(run, step, out), () -> advance(run, out));
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
    public PlanRun abort(String planId, String by, PlanOutbox out) {
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
            withPlan(run.id(), null, () -> {
                publish(run, PlanEventKind.GATE_PASSED, null, Map.of(PlanFold.CONTROL, PlanFold.ABORT, PlanFold.BY, by), out);
                if (run.inFlight().isEmpty()) {
                    stopForAbort(run, out);
                }
            });
        }
        return run;
    }

    /**
     * Handles one executor report. Reports of other planners' plans, of superseded attempts and
     * redelivered reports (the command is no longer in flight) change nothing.
     */
    public void onStepEvent(StepEvent event, PlanOutbox out) {
        Optional<PlanRun> found = registry.find(event.planId());
        if (found.isEmpty()) {
            return;
        }
        PlanRun run = found.get();
        Optional<StepRun> inFlight = run.inFlight();
        if (inFlight.isEmpty() || !inFlight.get().command().commandId().equals(event.commandId())) {
            return;
        }
        StepRun step = inFlight.get();
        withPlan(run.id(), step.planned().stepId(), () -> {
            switch (event.kind()) {
                case STARTED -> {
                    if (step.state() == StepState.SCHEDULED) {
                        publish(run, PlanEventKind.STEP_SCHEDULED, step.planned().stepId(), Map.of(PlanFold.COMMAND_ID,
                                event.commandId(), "attempt", event.attempt(), PlanFold.STARTED_AT, event.occurredAt()), out);
                        if (fencesTheOldMaster(step)) {
                            // The planner's copy of what cutover-service told the applications right before it.
                            applications.announce(run, ApplicationEventKind.FENCE_STARTED, out);
                        }
                    }
                }
                case PROGRESS -> {
                    synchronized (run) {
                        step.progress(event.facts());
                    }
                }
                case SUCCEEDED -> succeeded(run, step, event, out);
                case FAILED -> failed(run, step, event.failure(), event.facts(), event.occurredAt(), out);
            }
        });
    }

    /**
     * Records a lag sample of the monitor and lets a step waiting at its lag gate go when it opens
     * (READ_ONLY is sent; WAIT_CAUGHT_UP is confirmed and the plan goes on).
     */
    public void onLag(LagSample sample, PlanOutbox out) {
        Optional<PlanRun> found = registry.find(sample.planId());
        if (found.isEmpty()) {
            return;
        }
        PlanRun run = found.get();
        synchronized (run) {
            run.lag(sample);
        }
        if (run.status() == PlanStatus.RUNNING && run.abortedBy() == null) {
            run.waiting().ifPresent(step -> withPlan(run.id(), step.planned().stepId(), () -> dispatch(run, step, out)));
        }
    }

    /**
     * The clock's part: gates re-evaluated (a window opening or closing, a lag gate's wait running out),
     * retries sent when due, and a step not confirmed by its deadline (plus the step timeout) failed.
     * After a restart this is what carries a waiting plan on; a plan with a command in flight waits for
     * its step event.
     */
    public void tick(PlanOutbox out) {
        Instant now = clock.instant();
        for (PlanRun run : registry.all()) {
            if (run.status().terminal()) {
                continue;
            }
            run.waiting().ifPresent(step -> withPlan(run.id(), step.planned().stepId(), () -> {
                if (step.planned().gate() == null) {
                    // CHECK_HEALTH: its own probes and timeout, while the plan runs.
                    if (run.status() == PlanStatus.RUNNING && run.abortedBy() == null) {
                        dispatch(run, step, out);
                    }
                    return;
                }
                Optional<String> expired = GateCheck.expiredBecause(step.planned().gate(), step.waitingSince(), now);
                if (expired.isPresent()) {
                    gateExpired(run, step, expired.get(), out);
                } else if (run.status() == PlanStatus.RUNNING && run.abortedBy() == null) {
                    dispatch(run, step, out);
                }
            }));
            run.inFlight().filter(step -> step.command().deadline().plus(config.stepTimeout()).isBefore(now))
                    .ifPresent(step -> withPlan(run.id(), step.planned().stepId(), () -> failed(run, step,
                            Failure.terminal("no confirmation from the " + step.command().executor().name().toLowerCase()
                                    + " service by " + step.command().deadline(), "unknown: the step may or may not have run"),
                            Map.of(), now, out)));
            if (run.retry() != null) {
                withPlan(run.id(), run.retry().stepId(), () -> retryIfDue(run, out));
            }
        }
    }

    private PlanRun find(String planId) {
        return registry.find(planId).orElseThrow(() -> new PlanNotFoundException(planId));
    }

    private PlanRun start(FlipPlan plan, String flipBackOf, String by, PlanOutbox out) {
        registry.checkClustersFree(plan);
        long epoch = registry.nextEpoch();
        String id = UUID.randomUUID().toString();
        withPlan(id, null, () -> {
            Map<String, Object> details = new LinkedHashMap<>(Map.of("name", plan.name(), "source", plan.source(),
                    "target", plan.target(), "order", plan.order().label(), "steps", compiler.compile(plan).steps().size(),
                    PlanFold.BY, by, PlanFold.EPOCH, epoch, PlanFold.PLAN, plan));
            if (flipBackOf != null) {
                details.put(PlanFold.FLIP_BACK_OF, flipBackOf);
            }
            publish(id, PlanEventKind.SUBMITTED, null, details, out);
            PlanRun run = find(id);
            LOG.infof("plan '%s' submitted by %s: %s -> %s, %s, %d steps, fencing epoch %d", plan.name(), by, plan.source(),
                    plan.target(), plan.order().label(), run.steps().size(), epoch);
            dispatch(run, run.steps().get(0), out);
        });
        return find(id);
    }

    private void succeeded(PlanRun run, StepRun step, StepEvent event, PlanOutbox out) {
        if (step.planned().type() == StepType.VERIFY && step.planned().phase() == Phase.PREPARE) {
            Optional<String> drift = DriftGate.refusedBecause(run.plan(), event.facts());
            if (drift.isPresent()) {
                stopAtGate(run, step, "zero-drift", drift.get(), event.commandId(), event.facts(), event.occurredAt(), out);
                return;
            }
        }
        publish(run, PlanEventKind.STEP_CONFIRMED, step.planned().stepId(), Map.of(PlanFold.COMMAND_ID, event.commandId(),
                "attempt", event.attempt(), PlanFold.FACTS, event.facts(), PlanFold.AT, event.occurredAt()), out);
        if (step.planned().type() == StepType.WRITABLE) {
            applications.announce(run, ApplicationEventKind.MASTER_WRITABLE, out);
        }
        if (step == run.pointOfNoReturn()) {
            LOG.infof("plan '%s' is past its point of no return: reverse replication ended", run.plan().name());
            if (!run.pointOfNoReturnIsAStep()) {
                return;
            }
        }
        if (step == run.rollback()) {
            end(run, PlanStatus.ROLLED_BACK, run.reason(), out);
            return;
        }
        if (step == run.cleanup()) {
            finish(run, run.endsAs(), run.reason(), out);
            return;
        }
        advance(run, out);
    }

    /**
     * Sends the next step, unless the plan is paused (resume sends it) or an abort was asked for (then
     * it ends here: ABORTED when nothing was fenced yet, otherwise through ROLLBACK).
     */
    private void advance(PlanRun run, PlanOutbox out) {
        if (run.cleanup().state() != StepState.PENDING) {
            return; // the plan is ending: only the monitor's cleanup runs
        }
        Optional<StepRun> ahead = run.nextPending().filter(step -> run.sentAhead(step) || run.followsFence(step));
        if (ahead.isPresent()) {
            // cutover-service runs the fence in flight to its end or its first failure, and then sends the applications'
            // switch it carries: a pause or an abort takes effect after them.
            sendFirst(run, ahead.get(), out);
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

    private void stopForAbort(PlanRun run, PlanOutbox out) {
        String why = "aborted by " + run.abortedBy();
        if (run.fencingStarted()) {
            LOG.warnf("%s after writes were fenced: rolling back", why);
            rollBack(run, why, out);
        } else {
            run.waiting().ifPresent(step -> publish(run, PlanEventKind.STEP_FAILED, step.planned().stepId(),
                    Map.of(PlanFold.REASON, why, PlanFold.RETRYABLE, false, PlanFold.STATE, "nothing fenced"), out));
            end(run, PlanStatus.ABORTED, why + " before anything was fenced: nothing to undo", out);
        }
    }

    private void rollBack(PlanRun run, String why, PlanOutbox out) {
        issue(run, run.rollback(), run.rollback().command() == null ? 1 : run.rollback().command().attempt() + 1,
                Map.of(PlanFold.REASON, why), out);
    }

    /**
     * A gate that can no longer open ends the plan before anything was fenced: nothing to undo. In the
     * prepare phase (the target did not catch up) the plan ends FAILED, as after a failed step.
     */
    private void gateExpired(PlanRun run, StepRun step, String why, PlanOutbox out) {
        if (step.planned().phase() == Phase.PREPARE) {
            stopAtGate(run, step, step.planned().type() == StepType.WAIT_CAUGHT_UP ? "caught-up" : "gate", why, null,
                    Map.of(), clock.instant(), out);
            return;
        }
        publish(run, PlanEventKind.STEP_FAILED, step.planned().stepId(), Map.of(PlanFold.REASON, why,
                PlanFold.RETRYABLE, false, PlanFold.STATE, "nothing fenced: A still takes writes"), out);
        end(run, PlanStatus.ABORTED, step.planned().stepId() + " not sent: " + why + "; nothing was fenced", out);
    }

    /**
     * The prepare phase stops at {@code gate}: the step is logged FAILED (terminal, with the facts it
     * has) and the plan ends FAILED before anything was fenced, so there is nothing to roll back.
     */
    private void stopAtGate(PlanRun run, StepRun step, String gate, String why, String commandId, Map<String, Object> facts,
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
        publish(run, PlanEventKind.STEP_FAILED, stepId, details, out);
        end(run, PlanStatus.FAILED, stepId + ": " + why + "; " + state, out);
    }

    /**
     * Ends a plan that did not complete ({@code status}: FAILED, ABORTED or ROLLED_BACK) with {@code reason};
     * when the plan's monitor runs (its START_MONITOR succeeded, its STOP_MONITOR did not), the monitor is
     * stopped first (the cleanup STOP_MONITOR, with the final one's params) and the plan ends once it is
     * answered, with the same status and reason: no plan leaves a monitor behind.
     */
    private void end(PlanRun run, PlanStatus status, String reason, PlanOutbox out) {
        if (run.monitorRunning() && run.cleanup().state() == StepState.PENDING) {
            LOG.infof("stopping the monitor before the plan ends %s: %s", status, reason);
            issue(run, run.cleanup(), 1, Map.of(PlanFold.REASON, reason, PlanFold.STATUS, status.name()), out);
            return;
        }
        finish(run, status, reason, out);
    }

    private void failed(PlanRun run, StepRun step, Failure failure, Map<String, Object> facts, Instant at, PlanOutbox out) {
        String stepId = step.planned().stepId();
        int attempt = step.command() == null ? 1 : step.command().attempt();
        // The point of no return is re-declared by the operator, not retried by itself.
        int retries = retries(run, step);
        boolean retry = failure.retryable() && step.command() != null && step != run.pointOfNoReturn()
                && attempt <= retries;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(PlanFold.REASON, failure.reason());
        details.put(PlanFold.RETRYABLE, failure.retryable());
        details.put(PlanFold.STATE, String.valueOf(failure.recoverableState()));
        details.put("attempt", attempt);
        details.put(PlanFold.FACTS, facts);
        details.put(PlanFold.AT, at);
        if (step.command() != null) {
            details.put(PlanFold.COMMAND_ID, step.command().commandId());
        }
        Instant retryAt = clock.instant().plus(backoff(attempt));
        if (retry) {
            details.put(PlanFold.RETRY_AT, retryAt);
            details.put(PlanFold.NEXT_ATTEMPT, attempt + 1);
        }
        publish(run, PlanEventKind.STEP_FAILED, stepId, details, out);
        if (retry) {
            LOG.warnf("%s failed (retryable), attempt %d of %d, next at %s: %s", stepId, attempt, retries + 1,
                    retryAt, failure.reason());
            retryIfDue(run, out);
        } else if (step == run.pointOfNoReturn()) {
            LOG.warnf("the point of no return was not reached (the plan stays flippable back; declare it again): %s",
                    failure.reason());
        } else if (step == run.cleanup()) {
            finish(run, run.endsAs(), run.reason() + "; stopping the monitor failed too: " + failure.reason() + " (state: "
                    + failure.recoverableState() + ")", out);
        } else if (step == run.rollback()) {
            end(run, PlanStatus.FAILED, "rollback failed: " + failure.reason() + "; state: " + failure.recoverableState()
                    + " (after: " + run.reason() + ")", out);
        } else if (step.planned().phase() == Phase.PREPARE) {
            end(run, PlanStatus.FAILED, stepId + " failed: " + failure.reason() + "; state: " + failure.recoverableState()
                    + "; the flip had not started: nothing to roll back", out);
        } else if (!run.dnsSwitchStarted()) {
            String why = stepId + " failed: " + failure.reason();
            LOG.warnf("%s; rolling back (state: %s)", why, failure.recoverableState());
            rollBack(run, why, out);
        } else {
            end(run, PlanStatus.FAILED, stepId + " failed after the DNS switch began, so nothing was rolled back: "
                    + failure.reason() + "; state: " + failure.recoverableState(), out);
        }
    }

    /**
     * How often {@code step} is retried: the rollback's budget is its own ({@link PlannerConfig#rollbackRetries()}),
     * and so is that of a flip step while the flip blocks writes ({@link PlannerConfig#flipRetries()}); a flip step
     * after the new master's WRITABLE (reversing replication, resetting a replica) gets the usual budget.
     */
    private int retries(PlanRun run, StepRun step) {
        if (step == run.rollback()) {
            return config.rollbackRetries();
        }
        boolean writesBlocked = step.planned().phase() == Phase.FLIP && !run.newMasterWritable();
        return writesBlocked ? config.flipRetries() : config.retries();
    }

    /** Exponential: the configured backoff doubled for each attempt made, at most the configured maximum. */
    private Duration backoff(int attemptsMade) {
        Duration backoff = config.retryBackoff().multipliedBy(1L << Math.min(20, Math.max(0, attemptsMade - 1)));
        return backoff.compareTo(config.maxRetryBackoff()) > 0 ? config.maxRetryBackoff() : backoff;
    }

    /** Sends the retry the plan owes once its time came, unless the plan is paused (resume sends it). */
    private void retryIfDue(PlanRun run, PlanOutbox out) {
        PlanRun.Retry retry = run.retry();
        boolean going = run.status() == PlanStatus.RUNNING || run.status() == PlanStatus.ROLLING_BACK;
        if (retry == null || !going || clock.instant().isBefore(retry.at())) {
            return;
        }
        StepRun step = run.anyStep(retry.stepId()).orElseThrow();
        StepCommand next = step.command().nextAttempt(clock.instant().plus(timeoutOf(step.planned())), clock);
        send(run, step, next, Map.of(), out);
    }

    /**
     * Sends the step's first command, unless its gate is closed: then the step WAITs (nothing is sent,
     * so writes are not fenced) until a lag sample, an approval or the clock opens the gate, or the gate
     * can no longer open and the plan ends. A step {@linkplain PlannedStep#decidedByPlanner() decided by
     * the planner} is confirmed once its gate opens, and the plan goes on.
     */
    private void dispatch(PlanRun run, StepRun step, PlanOutbox out) {
        PlannedStep planned = step.planned();
        if (planned.type() == StepType.CHECK_HEALTH) {
            checkHealth(run, step, out);
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
                    publish(run, PlanEventKind.STEP_SCHEDULED, planned.stepId(), Map.of(PlanFold.WAITING_FOR, closed.get()), out);
                } else {
                    synchronized (run) {
                        // Only the wording of the wait: it follows the lag samples and the clock, not the log.
                        step.waiting(step.waitingSince(), closed.get());
                    }
                }
                return;
            }
            if (step.state() == StepState.WAITING) {
                publish(run, PlanEventKind.GATE_PASSED, planned.stepId(), run.lastLag() == null ? Map.of()
                        : Map.of("lagMs", run.lastLag().lagMillis()), out);
            }
        }
        if (planned.decidedByPlanner()) {
            confirmCaughtUp(run, step, out);
            return;
        }
        sendFirst(run, step, out);
    }

    /**
     * Sends {@code step}'s first command: alone, or as the first step of a FENCE command that carries the rest of its
     * fence ({@link PlanCompiler#fences}); a step that the FENCE command in flight carries is only scheduled (with the
     * command it stands for, whose events cutover-service publishes), nothing is sent. A FENCE command whose last step
     * is followed by the applications' DNS switch carries that switch's first command too ({@link FollowUp}).
     */
    private void sendFirst(PlanRun run, StepRun step, PlanOutbox out) {
        if (run.sentAhead(step)) {
            PlannedStep planned = step.planned();
            schedule(run, step, StepCommand.issue(run.id(), planned.stepId(), planned.type(), boundParams(run, planned), 1,
                    clock.instant().plus(timeoutOf(planned)), run.fencingEpoch(), clock), Map.of(), out);
            return;
        }
        Outgoing first = firstCommand(run, step);
        StepCommand sent = first.sent();
        Map<String, Object> extra = first.extra();
        if (first.stepIds().size() > 1) {
            LOG.infof("%s and the %d steps after it go out as one %s command: %s", first.stepIds().get(0),
                    first.stepIds().size() - 1, sent.type(), first.stepIds().subList(1, first.stepIds().size()));
        }
        if (sent.type() == StepType.FENCE) {
            Optional<Outgoing> then = followUp(run, first.last());
            if (then.isPresent()) {
                LOG.infof("the FENCE command carries %s (%s): cutover-service sends it once the fence succeeded; from now on"
                        + " the plan cannot be aborted", then.get().stepIds(), then.get().sent().type());
                sent = sent.withParams(FollowUp.attach(sent.params(), then.get().sent()));
                extra = new LinkedHashMap<>(extra);
                extra.put(PlanFold.FOLLOW_UP, then.get().stepIds());
            }
        }
        Optional<String> readOnly = first.stepIds().stream().filter(id -> run.step(id).filter(this::fencesTheOldMaster)
                .isPresent()).findFirst();
        if (readOnly.isPresent() && sent.type() == StepType.FENCE) {
            // cutover-service tells the applications right before the old master's READ_ONLY runs, not a Kafka hop and
            // an admission earlier: clients hold no longer than the fence; the planner's copy follows its STARTED.
            sent = sent.withParams(Announcements.attachBefore(sent.params(), readOnly.get(),
                    applications.events(run, ApplicationEventKind.FENCE_STARTED)));
        } else if (first.stepIds().stream().anyMatch(id -> isOfType(run, id, StepType.READ_ONLY))) {
            applications.announce(run, ApplicationEventKind.FENCE_STARTED, out);
        }
        Optional<String> writable = first.stepIds().stream().filter(id -> isOfType(run, id, StepType.WRITABLE)).findFirst();
        if (sent.type() == StepType.FENCE && writable.isPresent()) {
            // cutover-service tells the applications the moment WRITABLE succeeded; the planner's own copy follows.
            sent = sent.withParams(Announcements.attach(sent.params(), writable.get(),
                    applications.events(run, ApplicationEventKind.MASTER_WRITABLE)));
        }
        schedule(run, step, first.scheduled(), extra, out);
        out.send(sent);
    }

    /** Whether {@code step} is the flip's READ_ONLY of the old master (the one that names the new master too). */
    private boolean fencesTheOldMaster(StepRun step) {
        return step.planned().type() == StepType.READ_ONLY && step.planned().params().containsKey(StepParams.TARGET_CLUSTER);
    }

    private static boolean isOfType(PlanRun run, String stepId, StepType type) {
        return run.step(stepId).filter(step -> step.planned().type() == type).isPresent();
    }

    /**
     * The first command of {@code step} as {@link #sendFirst} sends it, the command the step is scheduled with, the
     * details of its STEP_SCHEDULED, the ids of the steps the sent command carries and the last of them.
     */
    private record Outgoing(StepCommand sent, StepCommand scheduled, Map<String, Object> extra, List<String> stepIds,
            StepRun last) {
    }

    private Outgoing firstCommand(PlanRun run, StepRun step) {
        List<StepRun> fence = run.fenceFrom(step);
        if (fence.size() < 2) {
            PlannedStep planned = step.planned();
            StepCommand command = StepCommand.issue(run.id(), planned.stepId(), planned.type(), boundParams(run, planned), 1,
                    clock.instant().plus(timeoutOf(planned)), run.fencingEpoch(), clock);
            return new Outgoing(command, command, Map.of(), List.of(planned.stepId()), step);
        }
        List<String> ids = fence.stream().map(s -> s.planned().stepId()).toList();
        List<FenceSteps.Step> steps = new ArrayList<>();
        Duration allowance = Duration.ZERO;
        for (StepRun member : fence) {
            PlannedStep planned = member.planned();
            Map<String, Object> params = new LinkedHashMap<>(planned.params());
            Map<String, FenceSteps.FactRef> inside = new LinkedHashMap<>();
            planned.bindings().forEach((param, ref) -> {
                if (ids.contains(ref.stepId())) {
                    inside.put(param, new FenceSteps.FactRef(ref.stepId(), ref.fact()));
                } else {
                    params.put(param, bound(run, planned, ref));
                }
            });
            steps.add(new FenceSteps.Step(planned.stepId(), planned.type(), params, inside, 1, timeoutOf(planned).toMillis()));
            allowance = allowance.plus(timeoutOf(planned));
        }
        StepCommand fenceCommand = new StepCommand(HandoffEvent.newEventId(), run.id(), clock.instant(),
                StepCommand.SCHEMA_VERSION, ids.get(0), FenceSteps.commandIdFor(run.id(), ids.get(0), 1),
                StepType.carrying(step.planned().type().executor()),
                FenceSteps.params(steps), 1, clock.instant().plus(allowance), run.fencingEpoch());
        return new Outgoing(fenceCommand, FenceSteps.command(fenceCommand, steps.get(0), Map.of(), clock),
                Map.of(PlanFold.FENCE, ids.subList(1, ids.size()), PlanFold.FENCE_COMMAND_ID, fenceCommand.commandId()), ids,
                fence.get(fence.size() - 1));
    }

    /**
     * The first command of the step after {@code last} when it is an application's DNS switch that only the fence's
     * success decides (pending, no gate, no fact of an earlier step): the command this planner sends for it once
     * {@code last} succeeded, built now, with the same command id.
     */
    private Optional<Outgoing> followUp(PlanRun run, StepRun last) {
        List<StepRun> steps = run.steps();
        int at = steps.indexOf(last);
        if (at < 0 || at + 1 >= steps.size()) {
            return Optional.empty();
        }
        StepRun next = steps.get(at + 1);
        PlannedStep planned = next.planned();
        boolean switchOnly = planned.type() == StepType.SWITCH_DNS || planned.type() == StepType.FLIP_BACK;
        if (!switchOnly || next.state() != StepState.PENDING || planned.gate() != null || !planned.bindings().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(firstCommand(run, next));
    }

    /**
     * CHECK_HEALTH: the step WAITs (logged) while the planner probes the URL, once per
     * {@link #HEALTH_PROBE_INTERVAL} and asynchronously (the answer is picked up by a later tick); a 2xx
     * confirms it and the next application switches; no 2xx within the plan's health check timeout (counted
     * from the start of the wait, in the log) fails it and ends the plan FAILED: DNS already moved, so
     * nothing is rolled back and the later applications are not switched.
     */
    private void checkHealth(PlanRun run, StepRun step, PlanOutbox out) {
        PlannedStep planned = step.planned();
        String url = String.valueOf(planned.params().get(StepParams.HEALTH_CHECK_URL));
        String application = String.valueOf(planned.params().get(StepParams.APPLICATION));
        Duration timeout = Duration.ofMillis(((Number) planned.params().get(StepParams.TIMEOUT_MS)).longValue());
        Instant now = clock.instant();
        if (step.state() != StepState.WAITING) {
            LOG.infof("%s: waiting for a 2xx from %s's health check %s", planned.stepId(), application, url);
            publish(run, PlanEventKind.STEP_SCHEDULED, planned.stepId(), Map.of(PlanFold.WAITING_FOR, "a 2xx answer from " + url), out);
        }
        HealthProbe.Watch watch;
        HealthProbe.Result last;
        synchronized (run) {
            watch = run.healthWatch(planned.stepId());
            last = watch.last();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(StepParams.HEALTH_CHECK_URL, url);
        if (last != null && last.status() != null) {
            facts.put(StepParams.FACT_HTTP_STATUS, last.status());
        }
        if (last != null && last.error() != null) {
            facts.put(StepParams.FACT_ERROR, last.error());
        }
        facts.put(StepParams.FACT_ATTEMPTS, watch.attempts());
        facts.put(StepParams.FACT_WAITED_MS, Duration.between(step.waitingSince(), now).toMillis());
        if (last != null && last.passed()) {
            LOG.infof("%s: %s answered %s", planned.stepId(), url, last.describe());
            publish(run, PlanEventKind.STEP_CONFIRMED, planned.stepId(), Map.of(PlanFold.FACTS, facts, PlanFold.AT, now), out);
            advance(run, out);
            return;
        }
        if (step.waitingSince().plus(timeout).isBefore(now)) {
            healthCheckFailed(run, step, application, url, timeout, last, facts, now, out);
            return;
        }
        if (last != null) {
            synchronized (run) {
                step.waiting(step.waitingSince(), "a 2xx answer from " + url + "; last: " + last.describe() + " (probe "
                        + watch.attempts() + ")");
            }
        }
        boolean due;
        synchronized (run) {
            due = watch.due(now, HEALTH_PROBE_INTERVAL);
            if (due) {
                watch.started(now);
            }
        }
        if (due) {
            Duration requestTimeout = timeout.compareTo(HEALTH_PROBE_TIMEOUT) < 0 ? timeout : HEALTH_PROBE_TIMEOUT;
            healthProbe.probe(URI.create(url), requestTimeout, result -> {
                synchronized (run) {
                    watch.finished(result);
                }
            });
        }
    }

    private void healthCheckFailed(PlanRun run, StepRun step, String application, String url, Duration timeout,
            HealthProbe.Result last, Map<String, Object> facts, Instant now, PlanOutbox out) {
        String stepId = step.planned().stepId();
        List<String> notSwitched = run.steps().stream()
                .filter(s -> (s.planned().type() == StepType.SWITCH_DNS || s.planned().type() == StepType.FLIP_BACK)
                        && s.state() == StepState.PENDING)
                .map(s -> String.valueOf(s.planned().params().get(StepParams.APPLICATION))).toList();
        String why = "application '" + application + "': health check " + url + " did not answer 2xx within "
                + DurationText.format(timeout) + "; last: " + (last == null ? "no answer yet" : last.describe());
        String state = "DNS of '" + application + "' already points at the new master; not switched: " + notSwitched;
        LOG.warnf("%s: %s", stepId, why);
        publish(run, PlanEventKind.STEP_FAILED, stepId, Map.of(PlanFold.REASON, why, PlanFold.RETRYABLE, false,
                PlanFold.STATE, state, PlanFold.FACTS, facts, PlanFold.AT, now), out);
        end(run, PlanStatus.FAILED, stepId + ": " + why + "; the sequence stopped, nothing was rolled back (DNS already"
                + " moved); " + state, out);
    }

    /** WAIT_CAUGHT_UP's gate opened: the step is confirmed with what the samples showed, and the plan goes on. */
    private void confirmCaughtUp(PlanRun run, StepRun step, PlanOutbox out) {
        Instant now = clock.instant();
        FlipPlan.CaughtUp caughtUp = run.plan().caughtUp();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("lagMs", run.lastLag().lagMillis());
        facts.put(PlanCompiler.CAUGHT_UP_MAX_LAG_MS, caughtUp.maxLagMs());
        facts.put("caughtUpSince", run.caughtUpSince());
        facts.put("caughtUpForMs", Duration.between(run.caughtUpSince(), run.lastLag().sampledAt()).toMillis());
        facts.put(StepParams.FACT_WAITED_MS, step.waitingSince() == null ? 0 : Duration.between(step.waitingSince(), now).toMillis());
        LOG.infof("%s: lag at most %d ms since %s", step.planned().stepId(), caughtUp.maxLagMs(), run.caughtUpSince());
        publish(run, PlanEventKind.STEP_CONFIRMED, step.planned().stepId(), Map.of(PlanFold.FACTS, facts, PlanFold.AT, now), out);
        advance(run, out);
    }

    /** Issues attempt {@code attempt} of {@code step} with its bound params and the plan's fencing epoch. */
    private void issue(PlanRun run, StepRun step, int attempt, Map<String, Object> extra, PlanOutbox out) {
        PlannedStep planned = step.planned();
        StepCommand command = StepCommand.issue(run.id(), planned.stepId(), planned.type(), boundParams(run, planned), attempt,
                clock.instant().plus(timeoutOf(planned)), run.fencingEpoch(), clock);
        send(run, step, command, extra, out);
    }

    /**
     * {@code planned}'s params with its bindings filled from the facts of the steps they name; a fact the step did not
     * report leaves its param out, and the executor refuses the step for want of it (the planner does not stop there).
     */
    private static Map<String, Object> boundParams(PlanRun run, PlannedStep planned) {
        Map<String, Object> params = new LinkedHashMap<>(planned.params());
        planned.bindings().forEach((param, ref) -> {
            Object value = bound(run, planned, ref);
            if (value != null) {
                params.put(param, value);
            }
        });
        return params;
    }

    private static Object bound(PlanRun run, PlannedStep planned, PlannedStep.FactRef ref) {
        return run.step(ref.stepId()).map(source -> source.facts().get(ref.fact()))
                .orElseThrow(() -> new IllegalStateException(planned.stepId() + " needs " + ref + ", which was not reported"));
    }

    /** Logs STEP_SCHEDULED with the command and writes the command, in the same transaction. */
    private void send(PlanRun run, StepRun step, StepCommand command, Map<String, Object> extra, PlanOutbox out) {
        schedule(run, step, command, extra, out);
        out.send(command);
    }

    /** Logs STEP_SCHEDULED with the command {@code step} is run by. */
    private void schedule(PlanRun run, StepRun step, StepCommand command, Map<String, Object> extra, PlanOutbox out) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("type", command.type().name());
        details.put("attempt", command.attempt());
        details.put(PlanFold.COMMAND_ID, command.commandId());
        // As the executors read it (with its type id), so that the fold reads back the very command.
        details.put(PlanFold.COMMAND, Json.fromJson(Json.toJson(command), Map.class));
        publish(run, PlanEventKind.STEP_SCHEDULED, step.planned().stepId(), details, out);
    }

    /**
     * When the executor's answer is due: WAIT_SYNC waits on the server for up to its own timeout; a
     * seed, a verification and a snapshot copy data and may take hours.
     */
    private Duration timeoutOf(PlannedStep step) {
        if (step.type() == StepType.SEED || step.type() == StepType.VERIFY || step.type() == StepType.SNAPSHOT) {
            return config.longStepTimeout();
        }
        if (step.type() == StepType.WAIT_SYNC) {
            long waitMs = ((Number) step.params().get(StepParams.TIMEOUT_MS)).longValue();
            return Duration.ofMillis(waitMs).plus(Duration.ofSeconds(5));
        }
        return config.stepTimeout();
    }

    private void finish(PlanRun run, PlanStatus status, String reason, PlanOutbox out) {
        LOG.infof("plan '%s' %s%s", run.plan().name(), status, reason == null ? "" : ": " + reason);
        publish(run, switch (status) {
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

    private void publish(PlanRun run, PlanEventKind kind, String stepId, Map<String, ?> details, PlanOutbox out) {
        publish(run.id(), kind, stepId, details, out);
    }

    /** The event is folded at once (the decision goes on from the new state) and written with the action. */
    private void publish(String planId, PlanEventKind kind, String stepId, Map<String, ?> details, PlanOutbox out) {
        PlanEvent event = PlanEvent.of(planId, kind, stepId, details, clock);
        fold.apply(registry, event);
        out.publish(event);
    }

    private static void withPlan(String planId, String stepId, Runnable action) {
        String previousPlan = (String) MDC.get("planId");
        String previousStep = (String) MDC.get("stepId");
        MDC.put("planId", planId);
        if (stepId != null) {
            MDC.put("stepId", stepId);
        }
        try {
            action.run();
        } finally {
            restore("planId", previousPlan);
            restore("stepId", previousStep);
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
