package io.handoff.planner.plan;

/** Where a plan is. Terminal: COMPLETED, ROLLED_BACK, FAILED. */
public enum PlanStatus {
    /** Steps are being run in order. */
    RUNNING,
    /** The operator paused it: the step in flight finishes, no further step is sent until resumed. */
    PAUSED,
    /** A step before the DNS switch failed; the ROLLBACK step is running. */
    ROLLING_BACK,
    /** Every step confirmed. */
    COMPLETED,
    /** A step failed before the DNS switch and ROLLBACK restored A as the master. */
    ROLLED_BACK,
    /** A step failed where no automatic rollback applies (or the rollback failed): the operator decides. */
    FAILED,
    /** The operator aborted it before anything was fenced: nothing to undo. */
    ABORTED;

    public boolean terminal() {
        return this == COMPLETED || this == ROLLED_BACK || this == FAILED || this == ABORTED;
    }
}
