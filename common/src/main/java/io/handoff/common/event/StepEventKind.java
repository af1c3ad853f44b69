package io.handoff.common.event;

/** The three things an executor reports about a step command. */
public enum StepEventKind {
    /** The executor took the command and began working on it. */
    STARTED,
    /** The step's effect is in place; facts describe it. */
    SUCCEEDED,
    /** The step did not complete; a {@link Failure} says whether to retry and what state was left. */
    FAILED
}
