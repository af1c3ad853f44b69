package io.handoff.kit.steps;

import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.step.InvalidStepParametersException;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepFacts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The facts a fence's steps reported, as their records, for the later steps of the same fence whose params are bound to
 * them ({@link FenceSteps.Step#bindings()}): only a step that some later step binds to has its facts read, so a fence
 * without bindings (the flip's write-blocked window) reads none.
 */
final class BoundFacts {
    private static final Logger LOG = Logger.getLogger(BoundFacts.class);

    private final List<FenceSteps.Step> steps;
    private final Map<String, StepFacts> byStep = new HashMap<>();

    BoundFacts(List<FenceSteps.Step> steps) {
        this.steps = steps;
    }

    /** Keeps what {@code step} reported in {@code outcome} when it succeeded and a later step binds to it. */
    void reported(FenceSteps.Step step, StepEvent outcome) {
        if (outcome.kind() != StepEventKind.SUCCEEDED || steps.stream().noneMatch(later -> later.bindsTo(step.stepId()))) {
            return;
        }
        try {
            byStep.put(step.stepId(), StepContracts.decodeFacts(step.type(), outcome.facts()));
        } catch (InvalidStepParametersException e) {
            LOG.warnf("%s: its facts cannot be read (%s); the steps bound to them are not run", step.stepId(), e.getMessage());
        }
    }

    /** The facts kept so far, by step id. */
    Map<String, StepFacts> byStep() {
        return byStep;
    }
}
