package io.handoff.planner.plan;

import io.handoff.common.event.LagSample;
import io.handoff.common.event.StepType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A submitted plan and its progress. In memory for now; every change is also published on
 * {@code handoff.plans}. Callers hold the run's monitor ({@code synchronized (run)}) while they read
 * or change it, so that a step event and a deadline check never interleave.
 */
public final class PlanRun {
    private final String id;
    private final FlipPlan plan;
    private final List<StepRun> steps;
    private final StepRun rollback;
    private final Instant submittedAt;
    private final String flipBackOf;
    private final String submittedBy;
    private final StepRun pointOfNoReturn;
    private Instant pointOfNoReturnAt;
    private String flippedBackBy;
    private PlanStatus status = PlanStatus.RUNNING;
    private LagSample lastLag;
    private String abortedBy;
    private final Set<String> approvals = new java.util.LinkedHashSet<>();
    private String reason;
    private Instant finishedAt;

    PlanRun(String id, FlipPlan plan, PlanCompiler.Compiled compiled, Instant submittedAt, String flipBackOf,
            String submittedBy) {
        this.submittedBy = submittedBy;
        this.id = id;
        this.plan = plan;
        this.steps = compiled.steps().stream().map(StepRun::new).toList();
        this.rollback = new StepRun(compiled.rollback());
        this.pointOfNoReturn = new StepRun(compiled.pointOfNoReturn());
        this.submittedAt = submittedAt;
        this.flipBackOf = flipBackOf;
    }

    /** The monitor's latest lag sample for this plan, or null. */
    public LagSample lastLag() {
        return lastLag;
    }

    void lag(LagSample sample) {
        if (lastLag == null || !sample.sampledAt().isBefore(lastLag.sampledAt())) {
            lastLag = sample;
        }
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

    /** The step whose command is out and not yet answered. */
    Optional<StepRun> inFlight() {
        if (rollback.inFlight()) {
            return Optional.of(rollback);
        }
        if (pointOfNoReturn.inFlight()) {
            return Optional.of(pointOfNoReturn);
        }
        return steps.stream().filter(StepRun::inFlight).findFirst();
    }

    /** The first step not yet run, if any. */
    Optional<StepRun> nextPending() {
        return steps.stream().filter(s -> s.state() == StepState.PENDING).findFirst();
    }

    Optional<StepRun> step(String stepId) {
        return steps.stream().filter(s -> s.planned().stepId().equals(stepId)).findFirst();
    }

    /** True once a DNS switch (or switch back) went out: from then on clients may reach B, so no automatic rollback. */
    boolean dnsSwitchStarted() {
        return steps.stream().anyMatch(s -> (s.planned().type() == StepType.SWITCH_DNS || s.planned().type() == StepType.FLIP_BACK)
                && s.state() != StepState.PENDING);
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

    /** True once a READ_ONLY command went out: from then on stopping the plan means rolling back. */
    boolean fencingStarted() {
        return steps.stream().anyMatch(s -> s.planned().type() == StepType.READ_ONLY
                && s.state() != StepState.PENDING && s.state() != StepState.WAITING);
    }

    void rollingBack(String why) {
        status = PlanStatus.ROLLING_BACK;
        reason = why;
    }

    void finish(PlanStatus terminal, String why, Instant at) {
        status = terminal;
        reason = why;
        finishedAt = at;
    }
}
