package io.handoff.planner.plan;

import io.handoff.common.event.LagSample;
import io.handoff.common.event.StepType;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A submitted plan and its progress: the fold of its events on {@code handoff.plans} ({@link PlanFold}
 * is the only writer of its state). The latest lag sample, since when the lag has stayed low and the
 * wording of a gate's wait are the exceptions: they are read from the monitor's topic and the clock,
 * not from the log (so after a restart WAIT_CAUGHT_UP counts its duration again from the next samples);
 * so are a CHECK_HEALTH step's probes (after a restart the planner probes again; the step's wait began,
 * and so its timeout counts, from the logged start of the wait).
 *
 * <p>Threads: the orchestrator's thread changes it; readers (REST) hold the run's monitor
 * ({@code synchronized (run)}), and so does every change.
 */
public final class PlanRun {
    private final String id;
    private final FlipPlan plan;
    private final List<StepRun> steps;
    private final StepRun rollback;
    private final Instant submittedAt;
    private final String flipBackOf;
    private final String submittedBy;
    private final long fencingEpoch;
    private final StepRun pointOfNoReturn;
    private final StepRun cleanup;
    private final java.util.Map<String, HealthProbe.Watch> healthWatches = new java.util.HashMap<>();
    private Instant pointOfNoReturnAt;
    private String flippedBackBy;
    private PlanStatus status = PlanStatus.RUNNING;
    private LagSample lastLag;
    private Instant caughtUpSince;
    private String abortedBy;
    private final Set<String> approvals = new LinkedHashSet<>();
    private String reason;
    private PlanStatus endsAs = PlanStatus.FAILED;
    private Instant finishedAt;
    private Retry retry;
    private final List<List<String>> fences;
    /** Steps of the FENCE command in flight not yet scheduled here: cutover-service runs them without another command. */
    private final Set<String> sentAhead = new LinkedHashSet<>();
    /** The steps of the applications' switch that the FENCE command in flight carries ({@link io.handoff.common.event.FollowUp}). */
    private final Set<String> followUp = new LinkedHashSet<>();

    /** A step that failed retryably and is tried again as {@code attempt} at {@code at}. */
    public record Retry(String stepId, int attempt, Instant at) {
    }

    PlanRun(String id, FlipPlan plan, PlanCompiler.Compiled compiled, Instant submittedAt, String flipBackOf,
            String submittedBy, long fencingEpoch) {
        this.submittedBy = submittedBy;
        this.id = id;
        this.plan = plan;
        this.steps = compiled.steps().stream().map(StepRun::new).toList();
        this.rollback = new StepRun(compiled.rollback());
        // With the after phase the point of no return is one of the steps: the same run, not a copy.
        this.pointOfNoReturn = this.steps.stream().filter(s -> s.planned().stepId().equals(compiled.pointOfNoReturn().stepId()))
                .findFirst().orElseGet(() -> new StepRun(compiled.pointOfNoReturn()));
        this.cleanup = new StepRun(compiled.cleanup());
        this.fences = compiled.fences();
        this.submittedAt = submittedAt;
        this.flipBackOf = flipBackOf;
        this.fencingEpoch = fencingEpoch;
    }

    /** The fencing epoch every command of this plan carries (invariant 5 of docs/DESIGN.md). */
    public long fencingEpoch() {
        return fencingEpoch;
    }

    /** The monitor's latest lag sample for this plan, or null (not part of the log). */
    public LagSample lastLag() {
        return lastLag;
    }

    /**
     * Since when the monitor's samples have shown the lag at most WAIT_CAUGHT_UP's threshold without a
     * break (a sample above it, a stale one, or a gap of more than {@link GateCheck#FRESH} between two
     * samples starts it again), or null; always null for a plan without the prepare phase.
     */
    public Instant caughtUpSince() {
        return caughtUpSince;
    }

    void lag(LagSample sample) {
        if (lastLag != null && sample.sampledAt().isBefore(lastLag.sampledAt())) {
            return;
        }
        if (plan.caughtUp() != null) {
            boolean low = !sample.stale() && sample.lagMillis() <= plan.caughtUp().maxLagMs();
            boolean unbroken = lastLag != null && !lastLag.sampledAt().plus(GateCheck.FRESH).isBefore(sample.sampledAt());
            if (!low) {
                caughtUpSince = null;
            } else if (caughtUpSince == null || !unbroken) {
                caughtUpSince = sample.sampledAt();
            }
        }
        lastLag = sample;
    }

    /** The step held back by its gate, if any. */
    Optional<StepRun> waiting() {
        return steps.stream().filter(s -> s.state() == StepState.WAITING).findFirst();
    }

    /** Who asked for this plan. */
    public String submittedBy() {
        return submittedBy;
    }

    /** The plan this one flips back, or null. */
    public String flipBackOf() {
        return flipBackOf;
    }

    /** The plan that flipped this one back, or null. */
    public String flippedBackBy() {
        return flippedBackBy;
    }

    void flippedBackBy(String planId) {
        flippedBackBy = planId;
    }

    /** The step that ends reverse replication; PENDING until the operator declares the point of no return. */
    public StepRun pointOfNoReturn() {
        return pointOfNoReturn;
    }

    /** The STOP_MONITOR sent when the prepare phase failed after START_MONITOR; PENDING unless that happened. */
    public StepRun cleanup() {
        return cleanup;
    }

    /**
     * The probes of a CHECK_HEALTH step so far (not part of the log: after a restart the planner probes
     * again, and only the step's outcome is logged). Created on first use; the caller holds this run's monitor.
     */
    HealthProbe.Watch healthWatch(String stepId) {
        return healthWatches.computeIfAbsent(stepId, id -> new HealthProbe.Watch());
    }

    /** True when the after phase's point of no return is one of the steps (it then waits for the operator's approval). */
    boolean pointOfNoReturnIsAStep() {
        return steps.contains(pointOfNoReturn);
    }

    /** When reverse replication ended (flip back refused from then on), or null. */
    public Instant pointOfNoReturnAt() {
        return pointOfNoReturnAt;
    }

    void pointOfNoReturnReached(Instant at) {
        pointOfNoReturnAt = at;
    }

    public String id() {
        return id;
    }

    public FlipPlan plan() {
        return plan;
    }

    public List<StepRun> steps() {
        return steps;
    }

    /** The ROLLBACK step; PENDING unless a rollback started. */
    public StepRun rollback() {
        return rollback;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public PlanStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** The retry waiting for its time, or null. */
    public Retry retry() {
        return retry;
    }

    void retry(Retry next) {
        retry = next;
    }

    /** The step whose command is out and not yet answered. */
    Optional<StepRun> inFlight() {
        return everyStep().filter(StepRun::inFlight).findFirst();
    }

    /** The first step not yet run, if any. */
    Optional<StepRun> nextPending() {
        return steps.stream().filter(s -> s.state() == StepState.PENDING).findFirst();
    }

    /** A step of the flip by id. */
    Optional<StepRun> step(String stepId) {
        return steps.stream().filter(s -> s.planned().stepId().equals(stepId)).findFirst();
    }

    /** Any step by id, the rollback, the point of no return and the cleanup included. */
    Optional<StepRun> anyStep(String stepId) {
        return everyStep().filter(s -> s.planned().stepId().equals(stepId)).findFirst();
    }

    private Stream<StepRun> everyStep() {
        return Stream.concat(Stream.of(rollback, pointOfNoReturn, cleanup), steps.stream()).distinct();
    }

    /** True once a DNS switch (or switch back) went out: from then on clients may reach B, so no automatic rollback. */
    boolean dnsSwitchStarted() {
        return switchCarriedByFence() || steps.stream().anyMatch(s -> (s.planned().type() == StepType.SWITCH_DNS || s.planned().type() == StepType.FLIP_BACK)
                && s.state() != StepState.PENDING);
    }

    /**
     * The pending steps sent in one FENCE command when {@code step} is sent: {@code step} and the rest of its fence,
     * when {@code step} belongs to one and every step from it to the fence's end is still pending; otherwise
     * {@code step} alone.
     */
    List<StepRun> fenceFrom(StepRun step) {
        String id = step.planned().stepId();
        for (List<String> fence : fences) {
            int at = fence.indexOf(id);
            if (at >= 0) {
                List<StepRun> rest = fence.subList(at, fence.size()).stream().map(s -> step(s).orElseThrow()).toList();
                return rest.stream().allMatch(s -> s.state() == StepState.PENDING) ? rest : List.of(step);
            }
        }
        return List.of(step);
    }

    /** The steps sent as one FENCE command each, by id ({@link PlanCompiler#fences}). */
    public List<List<String>> fences() {
        return fences;
    }

    /** True when {@code step} went out in the FENCE command in flight and is not scheduled here yet. */
    boolean sentAhead(StepRun step) {
        return sentAhead.contains(step.planned().stepId());
    }

    /** The steps of a FENCE command sent after its first one. */
    void sentAhead(List<String> stepIds) {
        sentAhead.clear();
        sentAhead.addAll(stepIds);
    }

    /** {@code stepId} is scheduled: no longer ahead. */
    void scheduledAhead(String stepId) {
        sentAhead.remove(stepId);
        if (followUp.contains(stepId)) {
            followUp.clear(); // the planner's own copy of the switch is out: dnsSwitchStarted() says the rest
        }
    }

    /**
     * True when {@code step} is one of the applications' switches that the FENCE command in flight carries: cutover-service
     * sends it once the fence succeeded, so the planner sends its own copy next whatever pause or abort came meanwhile.
     */
    boolean followsFence(StepRun step) {
        return followUp.contains(step.planned().stepId());
    }

    /** The FENCE command in flight carries the first command of these steps. */
    void followUp(List<String> stepIds) {
        followUp.clear();
        followUp.addAll(stepIds);
    }

    /**
     * True while the FENCE command in flight carries the applications' switch and none of its steps is scheduled yet: the
     * switch may already be out (cutover-service sends it the moment the fence succeeded), so no abort may roll back.
     */
    boolean switchCarriedByFence() {
        return !followUp.isEmpty();
    }

    /** A step failed: cutover-service ran no step of the fence after it. */
    void fenceStopped() {
        sentAhead.clear();
        followUp.clear();
    }

    /** The approvals given so far. */
    public Set<String> approvals() {
        return Set.copyOf(approvals);
    }

    void approve(String gate) {
        approvals.add(gate);
    }

    /** Who asked to abort, or null. */
    public String abortedBy() {
        return abortedBy;
    }

    void abortRequested(String by) {
        abortedBy = by;
    }

    void paused(boolean paused) {
        status = paused ? PlanStatus.PAUSED : PlanStatus.RUNNING;
    }

    /** True once the new master's WRITABLE succeeded: from then on the flip no longer blocks the applications' writes. */
    boolean newMasterWritable() {
        return steps.stream().anyMatch(s -> s.planned().type() == StepType.WRITABLE && s.state() == StepState.SUCCEEDED);
    }

    /** True once a READ_ONLY command went out: from then on stopping the plan means rolling back. */
    boolean fencingStarted() {
        return steps.stream().anyMatch(s -> s.planned().type() == StepType.READ_ONLY
                && s.state() != StepState.PENDING && s.state() != StepState.WAITING);
    }

    /** True when this plan names {@code cluster} as source or target. */
    boolean touches(String cluster) {
        return plan.source().equals(cluster) || plan.target().equals(cluster);
    }

    /**
     * The plan is ending without completing ({@code why}, the plan's reason) and the monitor is being stopped
     * before it ends {@code endsAs} (FAILED when not said: logs of planners older than this).
     */
    void cleaningUp(String why, PlanStatus endsAs) {
        if (why != null) {
            reason = why;
        }
        this.endsAs = endsAs == null ? PlanStatus.FAILED : endsAs;
        retry = null;
    }

    /** How the plan ends once the cleanup STOP_MONITOR is answered. */
    public PlanStatus endsAs() {
        return endsAs;
    }

    /** True while the plan's monitor runs: a START_MONITOR of it succeeded and no STOP_MONITOR did. */
    boolean monitorRunning() {
        boolean started = steps.stream().anyMatch(s -> s.planned().type() == StepType.START_MONITOR && s.state() == StepState.SUCCEEDED);
        boolean stopped = Stream.concat(steps.stream(), Stream.of(cleanup))
                .anyMatch(s -> s.planned().type() == StepType.STOP_MONITOR && s.state() == StepState.SUCCEEDED);
        return started && !stopped;
    }

    void rollingBack(String why) {
        status = PlanStatus.ROLLING_BACK;
        if (why != null) {
            reason = why;
        }
        retry = null;
    }

    void finish(PlanStatus terminal, String why, Instant at) {
        status = terminal;
        reason = why;
        finishedAt = at;
        retry = null;
    }
}
