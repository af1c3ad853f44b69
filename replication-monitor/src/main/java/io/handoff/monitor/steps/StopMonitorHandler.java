package io.handoff.monitor.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.common.step.MonitorFacts;
import io.handoff.kit.steps.StepHandler;
import io.handoff.monitor.lag.LagMonitors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * STOP_MONITOR: stops the plan's binlog tail (its offset committed up to the rows checked, so that a
 * later START_MONITOR resumes there), drift checker, heartbeat writer and lag sampler. The heartbeat
 * row stays on the source (deleting it could write on a server that has become a replica).
 * Idempotent: a plan not monitored here reports {@code alreadyApplied=true}, and nothing else. Facts of a stop
 * ({@link MonitorFacts.StopMonitor}): {@code rowsChecked} (row changes checked since the start), {@code backlog}
 * (left unchecked, checked after a restart) and {@code driftReports} (published).
 */
@ApplicationScoped
public class StopMonitorHandler implements StepHandler {
    /** Fact: row changes the stopped monitor checked on the target. */
    public static final String FACT_ROWS_CHECKED = "rowsChecked";
    /** Fact: row changes left in its backlog. */
    public static final String FACT_BACKLOG = "backlog";
    /** Fact: drift reports it published. */
    public static final String FACT_DRIFT_REPORTS = "driftReports";

    private final LagMonitors monitors;

    public StopMonitorHandler(LagMonitors monitors) {
        this.monitors = monitors;
    }

    @Override
    public StepType type() {
        return StepType.STOP_MONITOR;
    }

    @Override
    public MonitorFacts.StopMonitor execute(StepCommand command) {
        Optional<LagMonitors.Counts> stopped = monitors.stop(command.planId());
        return stopped.map(counts -> new MonitorFacts.StopMonitor(false, counts.rowsChecked(), (long) counts.backlog(),
                        counts.driftReports()))
                .orElseGet(() -> new MonitorFacts.StopMonitor(true, null, null, null));
    }
}
