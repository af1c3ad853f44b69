package io.handoff.planner.plan;

import io.handoff.common.event.StepType;
import java.util.Map;

/**
 * One compiled step. Some params are known only when an earlier step has confirmed (B's captured
 * position for REVERSE_REPLICATION): {@code bindings} maps such a param to the earlier step's fact.
 *
 * @param stepId   stable id within the plan, e.g. {@code 09-writable-target}
 * @param type     what to do
 * @param params   params known at compile time
 * @param bindings params taken from earlier steps' facts when the step is dispatched
 * @param gate     what must hold before the step is sent (or, for a {@link #decidedByPlanner()} step,
 *                 confirmed), or null
 * @param phase    the phase it belongs to
 */
public record PlannedStep(String stepId, StepType type, Map<String, Object> params, Map<String, FactRef> bindings,
        StepGate gate, Phase phase) {

    public PlannedStep {
        params = Map.copyOf(params);
        bindings = Map.copyOf(bindings);
    }

    /** A step of the flip without a gate. */
    public PlannedStep(String stepId, StepType type, Map<String, Object> params, Map<String, FactRef> bindings) {
        this(stepId, type, params, bindings, null, Phase.FLIP);
    }

    /**
     * True for WAIT_CAUGHT_UP and CHECK_HEALTH: the planner decides them itself (from the monitor's lag
     * samples through the gate, or from its own probes of the application's health check URL) and
     * confirms or fails them; no command is sent, so no executor's command thread waits for minutes.
     */
    public boolean decidedByPlanner() {
        return type == StepType.WAIT_CAUGHT_UP || type == StepType.CHECK_HEALTH;
    }

    /** A fact of an earlier step. */
    public record FactRef(String stepId, String fact) {
    }
}
