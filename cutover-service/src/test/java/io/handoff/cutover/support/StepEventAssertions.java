package io.handoff.cutover.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;

/** Assertions on the step events an executor answered a command with. */
public final class StepEventAssertions {
    private StepEventAssertions() {
    }

    /** {@code event}, after asserting it is SUCCEEDED (the message names the step and its failure). */
    public static StepEvent succeeded(StepEvent event) {
        assertThat(event.kind()).as("%s failed: %s", event.stepId(), event.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        return event;
    }

    /** The fact {@code name} of {@code event}, after asserting it is there. */
    public static Object fact(StepEvent event, String name) {
        assertThat(event.facts()).as("facts of %s", event.stepId()).containsKey(name);
        return event.facts().get(name);
    }
}
