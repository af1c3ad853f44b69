package io.handoff.monitor.steps;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.kit.steps.StepHandler;
import io.handoff.monitor.lag.LagMonitors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * STOP_MONITOR: stops the plan's binlog tail (its offset committed up to the rows checked, so that a
 * later START_MONITOR resumes there), drift checker, heartbeat writer and lag sampler. The heartbeat
 * row stays on the source (deleting it could write on a server that has become a replica).
 * Idempotent: a plan not monitored here reports {@code alreadyApplied=true}. Facts of a stop:
 * {@code rowsChecked} (row changes checked since the start), {@code backlog} (left unchecked, checked
 * after a restart) and {@code driftReports} (published).
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
    public Map<String, Object> execute(StepCommand command) {
        Optional<LagMonitors.Counts> stopped = monitors.stop(command.planId());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(StepParams.FACT_ALREADY_APPLIED, stopped.isEmpty());
        stopped.ifPresent(counts -> {
            facts.put(FACT_ROWS_CHECKED, counts.rowsChecked());
            facts.put(FACT_BACKLOG, counts.backlog());
            facts.put(FACT_DRIFT_REPORTS, counts.driftReports());
        });
        return facts;
    }
}
