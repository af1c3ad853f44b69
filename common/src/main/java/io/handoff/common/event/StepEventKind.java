package io.handoff.common.event;

/** What an executor reports about a step command: started, progress while it runs, and one outcome. */
public enum StepEventKind {
    /** The executor took the command and began working on it. */
    STARTED,
    /**
     * The step is still running; facts say how far it got (a long step such as SEED reports every few seconds). Not an
     * outcome: the step is neither confirmed nor failed by it.
     */
    PROGRESS,
    /** The step's effect is in place; facts describe it. */
    SUCCEEDED,
    /** The step did not complete; a {@link Failure} says whether to retry and what state was left. */
    FAILED;

    /** Whether this is a step's outcome (SUCCEEDED or FAILED), which the planner acts on and executors remember. */
    public boolean outcome() {
        return this == SUCCEEDED || this == FAILED;
    }
}
