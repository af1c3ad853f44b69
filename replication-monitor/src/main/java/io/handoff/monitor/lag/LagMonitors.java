package io.handoff.monitor.lag;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.kit.config.KafkaClientSettings;
import io.handoff.monitor.binlog.BinlogTail;
import io.handoff.monitor.binlog.ChangeEvents;
import io.handoff.monitor.binlog.EngineProperties;
import io.handoff.monitor.config.MonitorConfig;
import io.handoff.monitor.drift.DriftBacklog;
import io.handoff.monitor.drift.DriftChecker;
import io.handoff.monitor.messaging.DriftPublisher;
import io.handoff.monitor.messaging.LagPublisher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The running monitors of this instance, one per plan (heartbeat lag, binlog tail, drift checks),
 * each mirrored by the gauges {@code handoff_replication_lag_ms{plan}},
 * {@code handoff_replication_drift_backlog{plan}} and the counter
 * {@code handoff_replication_drift_rows_checked_total{plan}}. Start and stop converge: a plan already
 * monitored is not started twice (no second engine), a plan not monitored is not stopped. Called on the command worker thread; the
 * methods are synchronized all the same. Monitors live in memory: a restarted service monitors again
 * when the planner re-issues START_MONITOR.
 */
@Singleton
public class LagMonitors {
    /** Name of the lag gauge (Prometheus: {@code handoff_replication_lag_ms}). */
    public static final String GAUGE = "handoff.replication.lag.ms";
    /** Name of the drift backlog gauge (Prometheus: {@code handoff_replication_drift_backlog}). */
    public static final String BACKLOG_GAUGE = "handoff.replication.drift.backlog";
    /** Name of the rows-checked counter (Prometheus: {@code handoff_replication_drift_rows_checked_total}). */
    public static final String ROWS_CHECKED = "handoff.replication.drift.rows.checked";

    private final Map<String, Running> byPlan = new HashMap<>();
    private final MonitorConfig config;
    private final LagPublisher publisher;
    private final MeterRegistry meters;
    private final DriftPublisher driftPublisher;
    private final KafkaClientSettings kafka;

    public LagMonitors(MonitorConfig config, LagPublisher publisher, MeterRegistry meters, DriftPublisher driftPublisher,
            KafkaClientSettings kafka) {
        this.config = config;
        this.publisher = publisher;
        this.meters = meters;
        this.driftPublisher = driftPublisher;
        this.kafka = kafka;
    }

    /**
     * What a plan's monitor did, as STOP_MONITOR reports it.
     *
     * @param rowsChecked  row changes checked on the target
     * @param backlog      row changes left unchecked in the backlog at the stop (checked after a restart)
     * @param driftReports drift reports published
     */
    public record Counts(long rowsChecked, int backlog, long driftReports) {
    }

    /**
     * A started (or already running) monitor.
     *
     * @param monitor        the plan's monitor
     * @param alreadyRunning {@code true} when it ran before this call
     */
    public record Started(PlanMonitor monitor, boolean alreadyRunning) {
    }

    private record Running(PlanMonitor monitor, List<Meter> meters) {
    }

    /**
     * Starts monitoring {@code target} &lt;- {@code source} for {@code planId}, unless it runs already.
     *
     * @throws IllegalArgumentException when the plan is monitored for other clusters
     * @throws SQLException             when the heartbeat table cannot be created on the source
     * @throws TimeoutException         when creating it took longer than {@code timeout}
     */
    public synchronized Started start(String planId, String stepId, ClusterSpec source, ClusterSpec target,
            Duration heartbeatInterval, Duration timeout) throws SQLException, TimeoutException {
        Running running = byPlan.get(planId);
        if (running != null) {
            PlanMonitor monitor = running.monitor();
            if (!monitor.sourceName().equals(source.name()) || !monitor.targetName().equals(target.name())) {
                throw new IllegalArgumentException("plan " + planId + " already monitors " + monitor.targetName() + " <- "
                        + monitor.sourceName() + "; stop it before monitoring " + target.name() + " <- " + source.name());
            }
            return new Started(monitor, true);
        }
        DriftBacklog backlog = new DriftBacklog(config.drift().backlogCapacity());
        BinlogTail tail = new BinlogTail(planId, stepId,
                EngineProperties.forPlan(planId, source, config.binlog(), kafka.bootstrapServers(), kafka.security()), backlog,
                new ChangeEvents(HeartbeatTable.SCHEMA), config.binlog().stopTimeout(), config.binlog().restartDelay());
        DriftChecker checker = new DriftChecker(planId, stepId, target, config, backlog, driftPublisher, tail::position);
        PlanMonitor monitor = new PlanMonitor(planId, stepId, source, target, heartbeatInterval, config, publisher, tail,
                checker);
        try {
            monitor.start(timeout);
        } catch (SQLException | TimeoutException | RuntimeException e) {
            monitor.stop();
            throw e;
        }
        Gauge gauge = Gauge.builder(GAUGE, monitor, PlanMonitor::lastLagMs)
                .description("Replication lag of the plan's target, from the latest heartbeat sample")
                .tag("plan", planId)
                .strongReference(true)
                .register(meters);
        Gauge backlogGauge = Gauge.builder(BACKLOG_GAUGE, monitor, PlanMonitor::backlog)
                .description("Row changes of the plan waiting to be checked on the target")
                .tag("plan", planId)
                .strongReference(true)
                .register(meters);
        FunctionCounter checked = FunctionCounter.builder(ROWS_CHECKED, monitor, PlanMonitor::rowsChecked)
                .description("Row changes of the plan checked on the target since the monitor started")
                .tag("plan", planId)
                .register(meters);
        byPlan.put(planId, new Running(monitor, List.of(gauge, backlogGauge, checked)));
        return new Started(monitor, false);
    }

    /** Stops the plan's monitor and returns what it did; empty when none ran. */
    public synchronized Optional<Counts> stop(String planId) {
        Running running = byPlan.remove(planId);
        if (running == null) {
            return Optional.empty();
        }
        running.meters().forEach(meters::remove);
        PlanMonitor monitor = running.monitor();
        monitor.stop();
        return Optional.of(new Counts(monitor.rowsChecked(), monitor.backlog(), monitor.driftReports()));
    }

    /** The plan's running monitor. */
    public synchronized Optional<PlanMonitor> find(String planId) {
        return Optional.ofNullable(byPlan.get(planId)).map(Running::monitor);
    }

    @PreDestroy
    synchronized void stopAll() {
        for (String planId : Map.copyOf(byPlan).keySet()) {
            stop(planId);
        }
    }
}
