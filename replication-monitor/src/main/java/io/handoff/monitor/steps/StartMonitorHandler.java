package io.handoff.monitor.steps;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.step.MonitorFacts;
import io.handoff.common.step.StepParameters;
import io.handoff.common.event.StepType;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import io.handoff.kit.steps.StepHandler;
import io.handoff.monitor.binlog.BinlogTail;
import io.handoff.monitor.config.MonitorConfig;
import io.handoff.monitor.lag.HeartbeatTable;
import io.handoff.monitor.lag.LagMonitors;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * START_MONITOR: params {@code cluster} (the target), {@code sourceCluster}, optional {@code intervalMs}
 * (heartbeat interval, default {@code handoff.monitor.lag.heartbeat-interval}) and {@code timeoutMs}
 * (wait for the first sample, default {@code handoff.monitor.lag.first-sample-timeout}). Creates
 * {@code handoff.heartbeat} on the source when missing, starts the plan's heartbeat writer, lag
 * sampler, binlog tail (Debezium, resuming from the plan's stored offset) and drift checker, and
 * succeeds once the first LagSample was accepted by Kafka and the binlog tail streams. Facts
 * ({@link MonitorFacts.StartMonitor}): {@code firstLagMs}, {@code alreadyApplied}, {@code intervalMs}, {@code cluster},
 * {@code sourceCluster}.
 *
 * <p>Idempotent: a plan already monitored (a redelivery, a retry) is not started again; its first
 * sample's lag is reported again with {@code alreadyApplied=true}. A start that does not see a sample
 * in time stops what it started and fails retryable (the target does not replicate the heartbeat yet).
 */
@ApplicationScoped
public class StartMonitorHandler implements StepHandler {
    private static final long MIN_INTERVAL_MS = 10;
    private static final long MAX_INTERVAL_MS = 60_000;

    private final ClusterRegistry registry;
    private final LagMonitors monitors;
    private final MonitorConfig config;

    public StartMonitorHandler(ClusterRegistry registry, LagMonitors monitors, MonitorConfig config) {
        this.registry = registry;
        this.monitors = monitors;
        this.config = config;
    }

    @Override
    public StepType type() {
        return StepType.START_MONITOR;
    }

    @Override
    public MonitorFacts.StartMonitor execute(StepCommand command) throws StepFailedException {
        StepParameters.StartMonitor params = StepParametersOf.command(command, StepParameters.StartMonitor.class);
        ClusterSpec target = MonitorParams.cluster(type(), StepParams.CLUSTER, params.cluster(), registry);
        ClusterSpec source = MonitorParams.cluster(type(), StepParams.SOURCE_CLUSTER, params.sourceCluster(), registry);
        if (source.name().equals(target.name())) {
            throw StepFailedException.terminal("START_MONITOR: cluster and sourceCluster are both " + source.name(),
                    "nothing was changed");
        }
        Duration interval = MonitorParams.millis(type(), StepParams.INTERVAL_MS, params.intervalMs(),
                config.lag().heartbeatInterval(), MIN_INTERVAL_MS, MAX_INTERVAL_MS);
        Duration timeout = MonitorParams.millis(type(), StepParams.TIMEOUT_MS, params.timeoutMs(),
                config.lag().firstSampleTimeout(), 1, Long.MAX_VALUE / 2);
        LagMonitors.Started started;
        try {
            started = monitors.start(command.planId(), command.stepId(), source, target, interval, timeout);
        } catch (IllegalArgumentException e) {
            throw StepFailedException.terminal(e.getMessage(), "the running monitor goes on unchanged");
        } catch (SQLException e) {
            boolean refused = e.getSQLState() != null && (e.getSQLState().startsWith("28") || e.getSQLState().startsWith("42"));
            String reason = "cannot prepare " + HeartbeatTable.TABLE + " on " + source.name() + ": " + e.getMessage();
            throw refused ? StepFailedException.terminal(reason, "no monitor runs")
                    : StepFailedException.retryable(reason, "no monitor runs", e);
        } catch (TimeoutException e) {
            throw StepFailedException.retryable("preparing " + HeartbeatTable.TABLE + " on " + source.name() + " took over " + timeout,
                    "no monitor runs", e);
        }
        long firstLagMs;
        try {
            firstLagMs = started.monitor().awaitFirstSample(timeout);
        } catch (TimeoutException | CancellationException e) {
            if (!started.alreadyRunning()) {
                monitors.stop(command.planId());
            }
            throw StepFailedException.retryable("no lag sample of " + target.name() + " <- " + source.name()
                    + " with the binlog tail streaming within " + timeout + ": does the target replicate "
                    + HeartbeatTable.TABLE + " from the source, and can the replication account read its binlog?",
                    started.alreadyRunning() ? "the earlier monitor goes on" : "no monitor runs", e);
        } catch (ExecutionException e) {
            if (!started.alreadyRunning()) {
                monitors.stop(command.planId());
            }
            String reason = "the binlog tail of " + source.name() + " did not start: " + e.getCause().getMessage();
            String state = started.alreadyRunning() ? "the earlier monitor goes on" : "no monitor runs";
            throw BinlogTail.refused(e.getCause()) ? StepFailedException.terminal(reason, state)
                    : StepFailedException.retryable(reason, state, e.getCause());
        }
        // The cluster names (never more) let a restarted monitor resume this plan: see MonitorResumer.
        return new MonitorFacts.StartMonitor(firstLagMs, started.alreadyRunning(),
                started.monitor().heartbeatInterval().toMillis(), target.name(), source.name());
    }
}
