package io.handoff.planner.messaging;

import io.handoff.common.topic.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the plans were replayed from {@code handoff.plans} and the orchestrator runs; DOWN says why not. */
@Readiness
@ApplicationScoped
public class PlanLogReadiness implements HealthCheck {
    private final PlanLog log;

    public PlanLogReadiness(PlanLog log) {
        this.log = log;
    }

    @Override
    public HealthCheckResponse call() {
        return log.ready() ? HealthCheckResponse.named("plan-log").up().withData("topic", Topics.PLANS).build()
                : HealthCheckResponse.named("plan-log").down().withData("reason", log.notReadyBecause()).build();
    }
}
