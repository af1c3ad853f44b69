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
 * @param gate     what must hold before the step is sent, or null
 */
public record PlannedStep(String stepId, StepType type, Map<String, Object> params, Map<String, FactRef> bindings,
        FlipGate gate) {

    public PlannedStep {
        params = Map.copyOf(params);
        bindings = Map.copyOf(bindings);
    }

    /** A step without a gate. */
    public PlannedStep(String stepId, StepType type, Map<String, Object> params, Map<String, FactRef> bindings) {
        this(stepId, type, params, bindings, null);
    }

    /** A fact of an earlier step. */
    public record FactRef(String stepId, String fact) {
    }
}
