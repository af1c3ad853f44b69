package io.handoff.planner.plan;

import io.handoff.common.event.Failure;
import io.handoff.common.event.StepCommand;
import java.time.Instant;
import java.util.Map;

/**
 * One step of a running plan: its compiled form, the command in flight and what the executor
 * reported. Mutated only under its {@link PlanRun}'s lock.
 */
public final class StepRun {
    private final PlannedStep planned;
    private StepState state = StepState.PENDING;
    private StepCommand command;
    private Instant scheduledAt;
    private Instant startedAt;
    private Instant finishedAt;
    private Map<String, Object> facts = Map.of();
    private Failure failure;
    private Instant waitingSince;

    StepRun(PlannedStep planned) {
        this.planned = planned;
    }

    /** Held back by its gate since {@code at}, for {@code why} (shown as the step's facts). */
    void waiting(Instant at, String why) {
        if (state != StepState.WAITING) {
            state = StepState.WAITING;
            waitingSince = at;
        }
        facts = Map.of("waitingFor", why);
    }

    /** Since when the step has waited at its gate (kept once it went on), or null. */
    public Instant waitingSince() {
        return waitingSince;
    }

    void scheduled(StepCommand command, Instant at) {
        this.command = command;
        this.state = StepState.SCHEDULED;
        this.facts = Map.of();
        this.scheduledAt = at;
        this.startedAt = null;
        this.finishedAt = null;
        this.failure = null;
    }

    void started(Instant at) {
        if (state == StepState.SCHEDULED) {
            state = StepState.RUNNING;
            startedAt = at;
        }
    }

    /**
     * The executor's progress report on the running step: its facts until the outcome replaces them. Kept in memory only
     * (not in the plan's events): a restarted planner shows the next report.
     */
    void progress(Map<String, Object> facts) {
        if (state == StepState.RUNNING) {
            this.facts = facts;
        }
    }

    void succeeded(Map<String, Object> facts, Instant at) {
        this.state = StepState.SUCCEEDED;
        this.facts = facts;
        this.finishedAt = at;
    }

    void failed(Failure failure, Map<String, Object> facts, Instant at) {
        this.state = StepState.FAILED;
        this.failure = failure;
        this.facts = facts;
        this.finishedAt = at;
    }

    boolean inFlight() {
        return state == StepState.SCHEDULED || state == StepState.RUNNING;
    }

    public PlannedStep planned() {
        return planned;
    }

    public StepState state() {
        return state;
    }

    public StepCommand command() {
        return command;
    }

    public Instant scheduledAt() {
        return scheduledAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Map<String, Object> facts() {
        return facts;
    }

    public Failure failure() {
        return failure;
    }
}
