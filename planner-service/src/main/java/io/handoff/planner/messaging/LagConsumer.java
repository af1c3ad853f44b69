package io.handoff.planner.messaging;

import io.handoff.common.event.LagSample;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.planner.plan.PlanOrchestrator;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the monitor's lag samples to the orchestrator's lag gates. Only the latest sample matters, so
 * this consumer starts at the end of the topic and nothing is lost by skipping old samples.
 */
@ApplicationScoped
public class LagConsumer {
    private final PlanOrchestrator orchestrator;

    public LagConsumer(PlanOrchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    @Incoming(Topics.REPLICATION_LAG)
    @Blocking
    public void onLag(String json) {
        orchestrator.onLag(Json.fromJson(json, LagSample.class));
    }
}
