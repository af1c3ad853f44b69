package io.handoff.planner.messaging;

import io.handoff.common.topic.Topics;
import io.handoff.common.topic.UnsafeSetting;
import java.util.List;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the topics were found safe, the plans were replayed from {@code handoff.plans} and the orchestrator runs;
 * DOWN says why not, with every missing or unsafe topic setting by name.
 */
@Readiness
@ApplicationScoped
public class PlanLogReadiness implements HealthCheck {
    private final PlanLog log;

    public PlanLogReadiness(PlanLog log) {
        this.log = log;
    }

    @Override
    public HealthCheckResponse call() {
        if (log.ready()) {
            return HealthCheckResponse.named("plan-log").up().withData("topic", Topics.PLANS).build();
        }
        HealthCheckResponseBuilder down = HealthCheckResponse.named("plan-log").down().withData("reason", log.notReadyBecause());
        List<UnsafeSetting> unsafe = log.unsafeTopics();
        if (!unsafe.isEmpty()) {
            down.withData("unsafe-topics", unsafe.stream().map(UnsafeSetting::toString).collect(Collectors.joining("; ")));
        }
        return down.build();
    }
}
