package io.handoff.kit.steps;

import io.handoff.common.event.StepCommand;
import java.util.List;
import java.util.Optional;

/**
 * A {@link StepHandler} whose steps can be made ready before a fence's write-blocked window, so that the window holds
 * only the statements that must be in it ({@link FenceRunner}). What {@link PreparedStep#run} does must have the
 * effect {@link #execute} would have at that moment; it may leave out a read that the prepared state or a step before
 * it in the same window already settled.
 */
public interface PreparingStepHandler extends StepHandler {
    /**
     * Makes {@code command} ready to run later in the same window, after {@code earlier} (the fence's steps before it,
     * in order, the one that opens the window included, each of which will have succeeded when this one runs).
     *
     * @return empty when the step cannot be prepared: the fence then runs every step through {@link #execute}
     */
    Optional<PreparedStep> prepare(StepCommand command, List<StepCommand> earlier);
}
