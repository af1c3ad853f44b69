package io.handoff.kit.steps;

import io.handoff.common.event.StepType;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepFacts;
import java.util.Map;

/** The facts record of a step type with the given facts set (by their names, as the event carries them), the rest null. */
final class TestFacts {
    private TestFacts() {
    }

    static StepFacts of(StepType type, Map<String, Object> facts) {
        return StepContracts.decodeFacts(type, facts, StepContracts.factsOf(type).orElseThrow());
    }
}
