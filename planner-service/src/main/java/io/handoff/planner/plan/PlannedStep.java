package io.handoff.planner.plan;

import io.handoff.common.event.Executor;
import io.handoff.common.event.StepType;
import io.handoff.common.step.FactBinding;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
import java.util.List;
import java.util.Map;

/**
 * One compiled step. Some params are known only when an earlier step has confirmed (B's captured
 * position for REVERSE_REPLICATION): {@code bindings} fill such a param from the earlier step's facts.
 *
 * @param stepId     stable id within the plan, e.g. {@code 09-writable-target}
 * @param parameters what to do and with what: the record of the step type's parameters known at compile time
 * @param bindings   params taken from earlier steps' facts when the step is dispatched
 * @param gate       what must hold before the step is sent (or, for a {@link #decidedByPlanner()} step,
 *                   confirmed), or null
 * @param phase      the phase it belongs to
 */
public record PlannedStep(String stepId, StepParameters parameters, List<FactBinding> bindings, StepGate gate,
        Phase phase) {

    public PlannedStep {
        bindings = List.copyOf(bindings);
    }

    /** What the step does. */
    public StepType type() {
        return parameters.type();
    }

    /** The parameters as the step's command carries them, without the bound ones ({@link StepContracts#params}). */
    public Map<String, Object> params() {
        return StepContracts.params(parameters);
    }

    /**
     * True for WAIT_CAUGHT_UP and CHECK_HEALTH: the planner decides them itself (from the monitor's lag
     * samples through the gate, or from its own probes of the application's health check URL) and
     * confirms or fails them; no command is sent, so no executor's command thread waits for minutes.
     */
    public boolean decidedByPlanner() {
        return type().executor() == Executor.PLANNER;
    }
}
