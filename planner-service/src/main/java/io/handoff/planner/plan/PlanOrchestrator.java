package io.handoff.planner.plan;

import io.handoff.common.event.Failure;
import io.handoff.common.event.LagSample;
import io.handoff.common.event.PlanEvent;
import io.handoff.common.event.StepEvent;
import io.handoff.planner.config.PlannerConfig;
import io.handoff.planner.metrics.FlipMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what plans do next: sends a step's command, waits for its confirmation, then sends the next. The one entry
 * point of the planner's decisions, by concern:
 * <ul>
 * <li>{@link PlanControls}: the operator's verbs (submit, flip back, point of no return, approve, pause, resume,
 * abort);</li>
 * <li>{@link StepOutcomes}: the executors' reports (confirmations, failures, retries);</li>
 * <li>{@link PlanSequencer}: the next step, its gate, and how a plan ends (ROLLBACK, the monitor's cleanup);</li>
 * <li>{@link StepDispatch}: a step's command, its bound params and deadline, the FENCE command;</li>
 * <li>{@link HealthCheckStep}: CHECK_HEALTH, which the planner probes itself;</li>
 * <li>here: the clock's part ({@link #tick}) and the monitor's lag samples ({@link #onLag}).</li>
 * </ul>
 * A step of the flip that fails before the first SWITCH_DNS makes it run ROLLBACK and end ROLLED_BACK; a later failure
 * ends the plan FAILED for the operator. A step of the prepare phase that fails (or a VERIFY whose drift the plan
 * does not allow, or a WAIT_CAUGHT_UP that waited too long) ends the plan FAILED: nothing was fenced, so there is
 * nothing to roll back. WAIT_CAUGHT_UP and CHECK_HEALTH send no command: the planner decides them. With the after
 * phase, the point of no return waits for the operator's approval (flip back stays possible until then), then
 * DECOMMISSION retires A.
 *
 * <p>Event sourced: a decision changes nothing directly. It writes plan events, which {@link PlanFold}
 * applies to the plans at once, and commands, both to the {@link PlanOutbox} of the action, which the
 * caller commits in one Kafka transaction ({@link PlanJournal}). So the state after a restart (the fold of
 * {@code handoff.plans}) is the state before it, and a command is on its topic exactly when the
 * STEP_SCHEDULED that names it is in the log.
 *
 * <p>Threads: only the planner's orchestrator thread calls the methods that take an outbox (see
 * {@code PlanLog}); {@link #dryRun} may be called from any thread.
 */
@ApplicationScoped
public class PlanOrchestrator {
    private final PlanRegistry registry;
    private final PlannerConfig config;
    private final PlanValidator validator;
    private final PlanCompiler compiler = new PlanCompiler();
    private final Clock clock = Clock.systemUTC();
    private final PlanJournal journal;
    private final PlanSequencer sequencer;
    private final StepOutcomes outcomes;
    private final PlanControls controls;

    @Inject
    public PlanOrchestrator(PlanRegistry registry, PlannerConfig config, FlipMetrics metrics, HealthProbe healthProbe) {
        this.registry = registry;
        this.config = config;
        this.validator = new PlanValidator(new HashSet<>(config.clusters()));
        this.journal = new PlanJournal(registry, clock);
        ApplicationAnnouncer applications = new ApplicationAnnouncer(clock);
        StepDispatch dispatch = new StepDispatch(journal, config, applications, clock);
        this.sequencer = new PlanSequencer(journal, dispatch, new HealthCheckStep(journal, healthProbe, clock), applications,
                metrics, clock);
        this.outcomes = new StepOutcomes(registry, journal, sequencer, new RetryBudget(config), applications, clock);
        this.controls = new PlanControls(registry, journal, sequencer, dispatch, compiler, clock);
    }

    /** Without health checks to probe (every probe gets no answer). */
    public PlanOrchestrator(PlanRegistry registry, PlannerConfig config, FlipMetrics metrics) {
        this(registry, config, metrics, (url, timeout, done) -> done.accept(new HealthProbe.Result(null, "no prober",
                Clock.systemUTC().instant())));
    }

    /** Folds one event read back from {@code handoff.plans} (start-up, or after a failed transaction). */
    public void replay(PlanEvent event) {
        journal.replay(event);
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
        return controls.start(validator.validate(request), null, by, out);
    }

    /** See {@link PlanControls#flipBack}. */
    public PlanRun flipBack(String planId, String by, PlanOutbox out) {
        return controls.flipBack(planId, by, out);
    }

    /** See {@link PlanControls#pointOfNoReturn}. */
    public PlanRun pointOfNoReturn(String planId, String by, PlanOutbox out) {
        return controls.pointOfNoReturn(planId, by, out);
    }

    /** See {@link PlanControls#approve}. */
    public PlanRun approve(String planId, String gate, String by, PlanOutbox out) {
        return controls.approve(planId, gate, by, out);
    }

    /** See {@link PlanControls#pause}. */
    public PlanRun pause(String planId, String by, PlanOutbox out) {
        return controls.pause(planId, by, out);
    }

    /** See {@link PlanControls#resume}. */
    public PlanRun resume(String planId, String by, PlanOutbox out) {
        return controls.resume(planId, by, out);
    }

    /** See {@link PlanControls#abort}. */
    public PlanRun abort(String planId, String by, PlanOutbox out) {
        return controls.abort(planId, by, out);
    }

    /** See {@link StepOutcomes}. */
    public void onStepEvent(StepEvent event, PlanOutbox out) {
        outcomes.onStepEvent(event, out);
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
        if (goingOn(run)) {
            run.waiting().ifPresent(step -> PlanLogContext.withPlan(run.id(), step.planned().stepId(),
                    () -> sequencer.dispatch(run, step, out)));
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
            run.waiting().ifPresent(step -> PlanLogContext.withPlan(run.id(), step.planned().stepId(), () -> {
                if (step.planned().gate() == null) {
                    // CHECK_HEALTH: its own probes and timeout, while the plan runs.
                    if (goingOn(run)) {
                        sequencer.dispatch(run, step, out);
                    }
                    return;
                }
                Optional<String> expired = GateCheck.expiredBecause(step.planned().gate(), step.waitingSince(), now);
                if (expired.isPresent()) {
                    sequencer.gateExpired(run, step, expired.get(), out);
                } else if (goingOn(run)) {
                    sequencer.dispatch(run, step, out);
                }
            }));
            run.inFlight().filter(step -> step.command().deadline().plus(config.stepTimeout()).isBefore(now))
                    .ifPresent(step -> PlanLogContext.withPlan(run.id(), step.planned().stepId(), () -> outcomes.failed(run,
                            step, Failure.terminal("no confirmation from the " + step.command().executor().name().toLowerCase()
                                    + " service by " + step.command().deadline(), "unknown: the step may or may not have run"),
                            Map.of(), now, out)));
            if (run.retry() != null) {
                PlanLogContext.withPlan(run.id(), run.retry().stepId(), () -> sequencer.retryIfDue(run, out));
            }
        }
    }

    /** Running, not paused and not asked to abort: a waiting step may go. */
    private static boolean goingOn(PlanRun run) {
        return run.status() == PlanStatus.RUNNING && run.abortedBy() == null;
    }
}
