package io.handoff.kit.steps;

import io.handoff.common.step.StepFacts;

/**
 * A step of a fence made ready before the fence's write-blocked window ({@link PreparingStepHandler#prepare}): its
 * parameters parsed, the checks that need not be in the window done; {@link #run} does what is left, which is the
 * handler's effect, and returns the facts it would have returned.
 */
@FunctionalInterface
public interface PreparedStep {
    /**
     * Runs the rest of the step.
     *
     * @throws StepFailedException as {@link StepHandler#execute} does
     */
    StepFacts run() throws StepFailedException;

    /**
     * {@code true} when this step's events must be sent before the next step of the window runs, rather than with the
     * others after the window: a redelivered fence could not find its outcome again once a later step ran (the new
     * master's captured position, once WRITABLE let writes in). Sent, not acknowledged, as every event of a fence.
     */
    default boolean sentBeforeTheNextStep() {
        return false;
    }
}
