package io.handoff.planner.plan;

/** Where one step is. */
public enum StepState {
    PENDING, SCHEDULED, RUNNING, SUCCEEDED, FAILED
}
