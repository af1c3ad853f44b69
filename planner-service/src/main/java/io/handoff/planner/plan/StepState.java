package io.handoff.planner.plan;

/** Where one step is. */
public enum StepState {
    /** Not reached yet. */
    PENDING,
    /** Reached, but held back by its gate (e.g. replication lag too high); nothing sent. */
    WAITING,
    /** Command sent, no report yet. */
    SCHEDULED,
    /** The executor reported it started. */
    RUNNING,
    SUCCEEDED,
    FAILED
}
