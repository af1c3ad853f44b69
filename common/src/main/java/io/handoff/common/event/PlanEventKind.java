package io.handoff.common.event;

/** The entries of a plan's event log on {@code handoff.plans}. */
public enum PlanEventKind {
    /** The operator submitted the plan and it validated. */
    SUBMITTED(false),
    /** A step command was sent to its executor. */
    STEP_SCHEDULED(true),
    /** An executor confirmed a step. */
    STEP_CONFIRMED(true),
    /** A step failed (after its last attempt when retryable). */
    STEP_FAILED(true),
    /** A gate (lag, drift, approval, window) let the plan go on. */
    GATE_PASSED(false),
    /** Every step is done. */
    COMPLETED(false),
    /** The plan stopped for good without rolling back. */
    ABORTED(false),
    /** A failed flip was rolled back: old master writable again, new master replicating. */
    ROLLED_BACK(false);

    private final boolean aboutStep;

    PlanEventKind(boolean aboutStep) {
        this.aboutStep = aboutStep;
    }

    /** {@code true} when events of this kind concern one step and must name it. */
    public boolean aboutStep() {
        return aboutStep;
    }
}
