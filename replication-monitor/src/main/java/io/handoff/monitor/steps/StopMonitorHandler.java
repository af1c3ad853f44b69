package io.handoff.monitor.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.kit.steps.StepHandler;
import io.handoff.monitor.lag.LagMonitors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * STOP_MONITOR: stops the plan's heartbeat writer and lag sampler. The heartbeat row stays on the
 * source (deleting it could write on a server that has become a replica). Idempotent: a plan not
 * monitored here reports {@code alreadyApplied=true}.
 */
@ApplicationScoped
public class StopMonitorHandler implements StepHandler {
    private final LagMonitors monitors;

    public StopMonitorHandler(LagMonitors monitors) {
        this.monitors = monitors;
    }

    @Override
    public StepType type() {
        return StepType.STOP_MONITOR;
    }

    @Override
    public Map<String, Object> execute(StepCommand command) {
        return Map.of(StepParams.FACT_ALREADY_APPLIED, !monitors.stop(command.planId()));
    }
}
