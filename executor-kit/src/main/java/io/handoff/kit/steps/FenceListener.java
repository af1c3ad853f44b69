package io.handoff.kit.steps;

import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepEvent;

/**
 * Told by the {@link FenceRunner}, on its thread, when a step of a fence is about to run and when it succeeded (its
 * event sent, not yet acknowledged). Neither call may block: the fence's write-blocked window waits for them.
 */
public interface FenceListener {
    /** Nothing to tell. */
    FenceListener NONE = new FenceListener() {
    };

    /** Right before {@code step} is run (admitted, then handled); not called for a step that was not reached. */
    default void starting(FenceSteps.Step step) {
    }

    /** Right after {@code step} succeeded, before the next step runs. */
    default void succeeded(FenceSteps.Step step, StepEvent outcome) {
    }
}
