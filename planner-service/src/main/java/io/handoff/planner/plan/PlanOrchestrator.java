package io.handoff.planner.plan;

import io.handoff.common.event.Failure;
import io.handoff.common.event.LagSample;
import io.handoff.common.event.PlanEvent;
import io.handoff.common.event.PlanEventKind;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.planner.config.PlannerConfig;
import io.handoff.planner.messaging.PlanMessaging;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs plans one step at a time: sends a step's command, waits for its confirmation on
 * {@code handoff.step-events}, then sends the next. A step that fails before the first SWITCH_DNS
 * makes it run ROLLBACK and end ROLLED_BACK; a later failure ends the plan FAILED for the operator.
 * A step whose executor says the failure is retryable is tried again, up to the configured retries.
 * Every transition is published on {@code handoff.plans}.
 *
 * <p>Threads: REST workers (submit), the step-event consumer and the deadline check; each holds the
 * plan's monitor while it changes the plan.
 */
@ApplicationScoped
public class PlanOrchestrator {
    private static final Logger LOG = Logger.getLogger(PlanOrchestrator.class);

    private final PlanRegistry registry;
    private final PlanMessaging messaging;
    private final PlannerConfig config;
    private final PlanValidator validator;
    private final PlanCompiler compiler = new PlanCompiler();
    private final Clock clock = Clock.systemUTC();

    public PlanOrchestrator(PlanRegistry registry, PlanMessaging messaging, PlannerConfig config) {
        this.registry = registry;
        this.messaging = messaging;
        this.config = config;
        this.validator = new PlanValidator(new HashSet<>(config.clusters()));
    }

    /** Validates, compiles and starts {@code request}; throws {@link InvalidPlanException} or {@link PlanConflictException}. */
    public PlanRun submit(PlanRequest request, String by) {
        return start(validator.validate(request), null, by);
    }

    /** Validates and compiles {@code request} without starting or sending anything. */
    public PlanCompiler.Compiled dryRun(PlanRequest request) {
        return compiler.compile(validator.validate(request));
    }

    /**
     * Starts the flip back of a COMPLETED flip: A and B swapped, DNS back to the values the switch
     * replaced. Refused (409) before completion, after the point of no return, or when done already.
     */
    public PlanRun flipBack(String planId, String by) {
        PlanRun original = find(planId);
        FlipPlan back;
        synchronized (original) {
            if (original.status() != PlanStatus.COMPLETED) {
                throw new PlanConflictException("plan " + planId + " is " + original.status() + ": only a completed flip can be flipped back");
            }
            if (original.pointOfNoReturn().state() != StepState.PENDING) {
                throw new PlanConflictException("plan " + planId + " is past its point of no return: reverse replication "
                        + "has ended, a flip back would lose the writes made since; flip back refused");
            }
            if (original.flippedBackBy() != null) {
                throw new PlanConflictException("plan " + planId + " was already flipped back by plan " + original.flippedBackBy());
            }
            back = FlipBack.of(original);
        }
        // Registered outside the original's monitor: registering locks every plan (see PlanRegistry).
        PlanRun run = start(back, planId, by);
        synchronized (original) {
            original.flippedBackBy(run.id());
        }
        return run;
    }

    /**
     * Ends reverse replication of a COMPLETED flip (A stops replicating from B); from then on flip back
     * is refused. Repeating the request while it runs or after it succeeded changes nothing.
     */
    public PlanRun pointOfNoReturn(String planId, String by) {
        PlanRun run = find(planId);
        synchronized (run) {
            if (run.status() != PlanStatus.COMPLETED) {
                throw new PlanConflictException("plan " + planId + " is " + run.status() + ": the point of no return follows a completed flip");
            }
            if (run.flippedBackBy() != null) {
                throw new PlanConflictException("plan " + planId + " was flipped back by plan " + run.flippedBackBy()
                        + ": declare the point of no return on that plan");
            }
            StepRun step = run.pointOfNoReturn();
            if (step.state() == StepState.PENDING || step.state() == StepState.FAILED) {
                withPlan(run.id(), step.planned().stepId(), () -> {
                    LOG.infof("point of no return declared by %s", by);
                    publish(run, PlanEventKind.GATE_PASSED, step.planned().stepId(), Map.of("gate", "point-of-no-return", "by", by));
                    dispatch(run, step, step.command() == null ? 1 : step.command().attempt() + 1);
                });
            }
            return run;
        }
    }

    private PlanRun find(String planId) {
        return registry.find(planId).orElseThrow(() -> new PlanNotFoundException(planId));
    }

    private PlanRun start(FlipPlan plan, String flipBackOf, String by) {
        PlanRun run = new PlanRun(UUID.randomUUID().toString(), plan, compiler.compile(plan), clock.instant(), flipBackOf, by);
        synchronized (run) {
            registry.register(run);
            withPlan(run.id(), null, () -> {
                LOG.infof("plan '%s' submitted by %s: %s -> %s, %s, %d steps", plan.name(), by, plan.source(), plan.target(),
                        plan.order().label(), run.steps().size());
                Map<String, Object> details = new LinkedHashMap<>(Map.of("name", plan.name(), "source", plan.source(),
                        "target", plan.target(), "order", plan.order().label(), "steps", run.steps().size(), "by", by));
                if (flipBackOf != null) {
                    details.put("flipBackOf", flipBackOf);
                }
                publish(run, PlanEventKind.SUBMITTED, null, details);
                dispatch(run, run.steps().get(0), 1);
            });
        }
        return run;
    }

    /** Handles one executor report; reports of other planners' plans or of superseded commands are ignored. */
    public void onStepEvent(StepEvent event) {
        Optional<PlanRun> found = registry.find(event.planId());
        if (found.isEmpty()) {
            return;
        }
        PlanRun run = found.get();
        synchronized (run) {
            Optional<StepRun> inFlight = run.inFlight();
            if (inFlight.isEmpty() || !inFlight.get().command().commandId().equals(event.commandId())) {
                return;
            }
            StepRun step = inFlight.get();
            withPlan(run.id(), step.planned().stepId(), () -> {
                switch (event.kind()) {
                    case STARTED -> step.started(event.occurredAt());
                    case SUCCEEDED -> succeeded(run, step, event);
                    case FAILED -> failed(run, step, event.failure(), event.facts());
                }
            });
        }
    }

    /** Treats a step whose executor did not answer by its deadline (plus grace) as failed. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkDeadlines() {
        Instant now = clock.instant();
        for (PlanRun run : registry.all()) {
            synchronized (run) {
                run.waiting().ifPresent(step -> withPlan(run.id(), step.planned().stepId(), () -> {
                    Optional<String> expired = GateCheck.expiredBecause(step.planned().gate(), step.waitingSince(), now);
                    if (expired.isPresent()) {
                        gateExpired(run, step, expired.get());
                    } else if (run.status() == PlanStatus.RUNNING && run.abortedBy() == null) {
                        dispatch(run, step, 1);
                    }
                }));
                run.inFlight().filter(step -> step.command().deadline().plus(config.stepTimeout()).isBefore(now))
                        .ifPresent(step -> withPlan(run.id(), step.planned().stepId(), () -> failed(run, step,
                                Failure.terminal("no confirmation from the " + step.command().executor().name().toLowerCase()
                                        + " service by " + step.command().deadline(), "unknown: the step may or may not have run"),
                                Map.of())));
            }
        }
    }

    private void succeeded(PlanRun run, StepRun step, StepEvent event) {
        step.succeeded(event.facts(), event.occurredAt());
        publish(run, PlanEventKind.STEP_CONFIRMED, step.planned().stepId(), event.facts());
        if (step == run.pointOfNoReturn()) {
            run.pointOfNoReturnReached(event.occurredAt());
            LOG.infof("plan '%s' is past its point of no return: reverse replication ended", run.plan().name());
            return;
        }
        if (step == run.rollback()) {
            finish(run, PlanStatus.ROLLED_BACK, run.reason());
            return;
        }
        advance(run);
    }

    /**
     * Sends the next step, unless the plan is paused (resume sends it) or an abort was asked for (then
     * it ends here: ABORTED when nothing was fenced yet, otherwise through ROLLBACK).
     */
    private void advance(PlanRun run) {
        if (run.abortedBy() != null) {
            stopForAbort(run);
            return;
        }
        if (run.status() == PlanStatus.PAUSED) {
            LOG.infof("plan '%s' paused: the next step waits for resume", run.plan().name());
            return;
        }
        Optional<StepRun> next = run.nextPending();
        if (next.isPresent()) {
            dispatch(run, next.get(), 1);
        } else {
            finish(run, PlanStatus.COMPLETED, null);
        }
    }

    private void stopForAbort(PlanRun run) {
        String why = "aborted by " + run.abortedBy();
        if (run.fencingStarted()) {
            LOG.warnf("%s after writes were fenced: rolling back", why);
            run.rollingBack(why);
            dispatch(run, run.rollback(), 1);
        } else {
            run.waiting().ifPresent(step -> step.failed(new Failure(why, false, "nothing fenced"), Map.of(), clock.instant()));
            finish(run, PlanStatus.ABORTED, why + " before anything was fenced: nothing to undo");
        }
    }

    /** A gate that can no longer open ends the plan before anything was fenced: nothing to undo. */
    private void gateExpired(PlanRun run, StepRun step, String why) {
        step.failed(Failure.terminal(why, "nothing fenced: A still takes writes"), Map.of(), clock.instant());
        publish(run, PlanEventKind.STEP_FAILED, step.planned().stepId(), Map.of("reason", why, "retryable", false));
        finish(run, PlanStatus.ABORTED, step.planned().stepId() + " not sent: " + why + "; nothing was fenced");
    }

    /**
     * Records the operator's approval of {@code gate}; a step waiting for it goes on. Approving twice
     * changes nothing; a gate the plan does not list is refused (409).
     */
    public PlanRun approve(String planId, String gate, String by) {
        PlanRun run = find(planId);
        synchronized (run) {
            if (!run.plan().approvals().contains(gate)) {
                throw new PlanConflictException("plan " + planId + " asks for no approval '" + gate + "'; it asks for "
                        + run.plan().approvals());
            }
            if (run.status().terminal()) {
                throw new PlanConflictException("plan " + planId + " is " + run.status() + ": nothing to approve");
            }
            if (!run.approvals().contains(gate)) {
                run.approve(gate);
                withPlan(run.id(), null, () -> {
                    LOG.infof("approval '%s' given by %s", gate, by);
                    publish(run, PlanEventKind.GATE_PASSED, null, Map.of("approval", gate, "by", by));
                    if (run.status() == PlanStatus.RUNNING && run.abortedBy() == null) {
                        run.waiting().ifPresent(step -> dispatch(run, step, 1));
                    }
                });
            }
            return run;
        }
    }

    /** Pauses a running plan: the step in flight finishes, the next one waits for {@link #resume}. */
    public PlanRun pause(String planId, String by) {
        PlanRun run = find(planId);
        synchronized (run) {
            if (run.status() != PlanStatus.RUNNING && run.status() != PlanStatus.PAUSED) {
                throw new PlanConflictException("plan " + planId + " is " + run.status() + ": only a running plan can be paused");
            }
            if (run.status() == PlanStatus.RUNNING) {
                run.paused(true);
                withPlan(run.id(), null, () -> publish(run, PlanEventKind.GATE_PASSED, null, Map.of("control", "pause", "by", by)));
            }
            return run;
        }
    }

    /** Resumes a paused plan with its next step. */
    public PlanRun resume(String planId, String by) {
        PlanRun run = find(planId);
        synchronized (run) {
            if (run.status() != PlanStatus.PAUSED) {
                throw new PlanConflictException("plan " + planId + " is " + run.status() + ": only a paused plan can be resumed");
            }
            run.paused(false);
            withPlan(run.id(), null, () -> {
                publish(run, PlanEventKind.GATE_PASSED, null, Map.of("control", "resume", "by", by));
                if (run.inFlight().isEmpty()) {
                    run.waiting().ifPresentOrElse(step -> dispatch(run, step, 1), () -> advance(run));
                }
            });
            return run;
        }
    }

    /**
     * Aborts a plan before its DNS switch: at once when no step is in flight, otherwise when the step in
     * flight has been answered. Nothing fenced yet: ABORTED; writes fenced: ROLLBACK, then ROLLED_BACK.
     * After the DNS switch began, abort is refused (409): flip back instead.
     */
    public PlanRun abort(String planId, String by) {
        PlanRun run = find(planId);
        synchronized (run) {
            if (run.status().terminal() || run.status() == PlanStatus.ROLLING_BACK) {
                throw new PlanConflictException("plan " + planId + " is " + run.status() + ": nothing to abort");
            }
            if (run.dnsSwitchStarted()) {
                throw new PlanConflictException("plan " + planId + " has begun switching DNS: it cannot be aborted, flip it back once it completes");
            }
            if (run.abortedBy() == null) {
                run.abortRequested(by);
                withPlan(run.id(), null, () -> {
                    publish(run, PlanEventKind.GATE_PASSED, null, Map.of("control", "abort", "by", by));
                    if (run.inFlight().isEmpty()) {
                        stopForAbort(run);
                    }
                });
            }
            return run;
        }
    }

    private void failed(PlanRun run, StepRun step, Failure failure, Map<String, Object> facts) {
        step.failed(failure, facts, clock.instant());
        String stepId = step.planned().stepId();
        publish(run, PlanEventKind.STEP_FAILED, stepId, Map.of("reason", failure.reason(),
                "retryable", failure.retryable(), "state", String.valueOf(failure.recoverableState())));
        int attempt = step.command() == null ? 1 : step.command().attempt();
        if (failure.retryable() && attempt <= config.retries()) {
            LOG.warnf("%s failed (retryable), attempt %d of %d: %s", stepId, attempt, config.retries() + 1, failure.reason());
            dispatch(run, step, attempt + 1);
        } else if (step == run.pointOfNoReturn()) {
            LOG.warnf("the point of no return was not reached (the plan stays flippable back): %s", failure.reason());
        } else if (step == run.rollback()) {
            finish(run, PlanStatus.FAILED, "rollback failed: " + failure.reason() + "; state: " + failure.recoverableState()
                    + " (after: " + run.reason() + ")");
        } else if (!run.dnsSwitchStarted()) {
            String why = stepId + " failed: " + failure.reason();
            LOG.warnf("%s; rolling back (state: %s)", why, failure.recoverableState());
            run.rollingBack(why);
            dispatch(run, run.rollback(), 1);
        } else {
            finish(run, PlanStatus.FAILED, stepId + " failed after the DNS switch began, so nothing was rolled back: "
                    + failure.reason() + "; state: " + failure.recoverableState());
        }
    }

    /** Records a lag sample of the monitor and lets a step waiting at its lag gate go when it opens. */
    public void onLag(LagSample sample) {
        Optional<PlanRun> found = registry.find(sample.planId());
        if (found.isEmpty()) {
            return;
        }
        PlanRun run = found.get();
        synchronized (run) {
            run.lag(sample);
            if (run.status() == PlanStatus.RUNNING && run.abortedBy() == null) {
                run.waiting().ifPresent(step -> withPlan(run.id(), step.planned().stepId(), () -> dispatch(run, step, 1)));
            }
        }
    }

    /**
     * Sends the step's command, unless its lag gate is closed: then the step WAITs (nothing is sent,
     * so writes are not fenced) until a lag sample opens the gate or the gate's timeout fails the step.
     */
    private void dispatch(PlanRun run, StepRun step, int attempt) {
        PlannedStep planned = step.planned();
        if (planned.gate() != null) {
            Optional<String> expired = GateCheck.expiredBecause(planned.gate(),
                    step.state() == StepState.WAITING ? step.waitingSince() : clock.instant(), clock.instant());
            if (expired.isPresent()) {
                gateExpired(run, step, expired.get());
                return;
            }
            Optional<String> closed = GateCheck.closedBecause(planned.gate(), run.approvals(), run.lastLag(), clock.instant());
            if (closed.isPresent()) {
                if (step.state() != StepState.WAITING) {
                    LOG.infof("%s waits: %s", planned.stepId(), closed.get());
                    publish(run, PlanEventKind.STEP_SCHEDULED, planned.stepId(), Map.of("waitingFor", closed.get()));
                }
                step.waiting(clock.instant(), closed.get());
                return;
            }
            if (step.state() == StepState.WAITING) {
                publish(run, PlanEventKind.GATE_PASSED, planned.stepId(), run.lastLag() == null ? Map.of()
                        : Map.of("lagMs", run.lastLag().lagMillis()));
            }
        }
        Map<String, Object> params = new LinkedHashMap<>(planned.params());
        planned.bindings().forEach((param, ref) -> params.put(param, run.step(ref.stepId())
                .map(source -> source.facts().get(ref.fact()))
                .orElseThrow(() -> new IllegalStateException(planned.stepId() + " needs " + ref + ", which was not reported"))));
        Instant now = clock.instant();
        StepCommand command = StepCommand.issue(run.id(), planned.stepId(), planned.type(), params, attempt,
                now.plus(timeoutOf(planned)), 1L, clock);
        step.scheduled(command, now);
        publish(run, PlanEventKind.STEP_SCHEDULED, planned.stepId(), Map.of("type", planned.type().name(), "attempt", attempt));
        messaging.send(command);
    }

    /** When the executor's answer is due: WAIT_SYNC waits on the server for up to its own timeout. */
    private Duration timeoutOf(PlannedStep step) {
        if (step.type() == StepType.WAIT_SYNC) {
            long waitMs = ((Number) step.params().get(StepParams.TIMEOUT_MS)).longValue();
            return Duration.ofMillis(waitMs).plus(Duration.ofSeconds(5));
        }
        return config.stepTimeout();
    }

    private void finish(PlanRun run, PlanStatus status, String reason) {
        run.finish(status, reason, clock.instant());
        LOG.infof("plan '%s' %s%s", run.plan().name(), status, reason == null ? "" : ": " + reason);
        publish(run, switch (status) {
            case COMPLETED -> PlanEventKind.COMPLETED;
            case ROLLED_BACK -> PlanEventKind.ROLLED_BACK;
            default -> PlanEventKind.ABORTED;
        }, null, reason == null ? Map.of("status", status.name()) : Map.of("status", status.name(), "reason", reason));
    }

    private void publish(PlanRun run, PlanEventKind kind, String stepId, Map<String, ?> details) {
        messaging.publish(PlanEvent.of(run.id(), kind, stepId, details, clock));
    }

    private static void withPlan(String planId, String stepId, Runnable action) {
        MDC.put("planId", planId);
        if (stepId != null) {
            MDC.put("stepId", stepId);
        }
        try {
            action.run();
        } finally {
            MDC.remove("planId");
            MDC.remove("stepId");
        }
    }
}
