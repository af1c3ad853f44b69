package io.handoff.kit.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.common.step.InvalidStepParametersException;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
import java.util.Map;

/**
 * A command's parameters as its handler reads them: the record of its step type ({@link StepContracts}). Params that
 * do not make that record (one missing, one of the wrong kind) fail the step terminally before it reads or writes
 * anything, with the decode error, which names the param.
 */
public final class StepParametersOf {
    /** What a step refused for its params changed. */
    public static final String NOTHING_CHANGED = "nothing was changed";

    private StepParametersOf() {
    }

    /** {@code command}'s parameters, as the record of its step type. */
    public static StepParameters command(StepCommand command) throws StepFailedException {
        return params(command.type(), command.params(), StepParameters.class);
    }

    /** {@code command}'s parameters as {@code expected}, the record of the step type its handler runs. */
    public static <P extends StepParameters> P command(StepCommand command, Class<P> expected) throws StepFailedException {
        return params(command.type(), command.params(), expected);
    }

    /** {@code params} of a {@code type} step as {@code expected}, the record of that step type. */
    public static <P extends StepParameters> P params(StepType type, Map<String, Object> params, Class<P> expected)
            throws StepFailedException {
        try {
            return StepContracts.decode(type, params, expected);
        } catch (InvalidStepParametersException e) {
            throw StepFailedException.terminal(e.getMessage(), NOTHING_CHANGED);
        }
    }
}
