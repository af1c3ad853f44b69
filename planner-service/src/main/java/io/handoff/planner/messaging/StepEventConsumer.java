package io.handoff.planner.messaging;

import io.handoff.common.event.StepEvent;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.planner.plan.PlanOrchestrator;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds executors' step events to the orchestrator, in order, on a worker thread. A record is
 * acknowledged after the orchestrator handled it (and sent what follows); a failure nacks it.
 */
@ApplicationScoped
public class StepEventConsumer {
    private final PlanOrchestrator orchestrator;

    public StepEventConsumer(PlanOrchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    @Incoming(Topics.STEP_EVENTS)
    @Blocking
    public void onStepEvent(String json) {
        orchestrator.onStepEvent(Json.fromJson(json, StepEvent.class));
    }
}
