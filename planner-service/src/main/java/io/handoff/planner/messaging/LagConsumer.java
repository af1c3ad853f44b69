package io.handoff.planner.messaging;

import io.handoff.common.event.LagSample;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.planner.plan.PlanOrchestrator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the monitor's lag samples to the orchestrator's lag gates (READ_ONLY's, and WAIT_CAUGHT_UP's,
 * which the planner decides itself so that no executor's command thread waits for minutes), on the
 * orchestrator's thread. Only the samples from now on matter, so this consumer starts at the end of the
 * topic and nothing is lost by skipping old samples (WAIT_CAUGHT_UP counts its duration from the
 * samples it sees); a gate that opens is recorded in the plan's log when the step goes on.
 */
@ApplicationScoped
public class LagConsumer {
    private final PlanOrchestrator orchestrator;
    private final PlanLog log;

    public LagConsumer(PlanOrchestrator orchestrator, PlanLog log) {
        this.orchestrator = orchestrator;
        this.log = log;
    }

    @Incoming(Topics.REPLICATION_LAG)
    public void onLag(String json) {
        LagSample sample = Json.fromJson(json, LagSample.class);
        log.enqueue(out -> orchestrator.onLag(sample, out));
    }
}
