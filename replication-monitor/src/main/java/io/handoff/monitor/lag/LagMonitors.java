package io.handoff.monitor.lag;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.monitor.config.MonitorConfig;
import io.handoff.monitor.messaging.LagPublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The running lag monitors of this instance, one per plan, each mirrored by the gauge
 * {@code handoff_replication_lag_ms{plan}}. Start and stop converge: a plan already monitored is not
 * started twice, a plan not monitored is not stopped. Called on the command worker thread; the
 * methods are synchronized all the same. Monitors live in memory: a restarted service monitors again
 * when the planner re-issues START_MONITOR.
 */
@Singleton
public class LagMonitors {
    /** Name of the lag gauge (Prometheus: {@code handoff_replication_lag_ms}). */
    public static final String GAUGE = "handoff.replication.lag.ms";

    private final Map<String, Running> byPlan = new HashMap<>();
    private final MonitorConfig config;
    private final LagPublisher publisher;
    private final MeterRegistry meters;

    public LagMonitors(MonitorConfig config, LagPublisher publisher, MeterRegistry meters) {
        this.config = config;
        this.publisher = publisher;
        this.meters = meters;
    }

    /**
     * A started (or already running) monitor.
     *
     * @param monitor        the plan's monitor
     * @param alreadyRunning {@code true} when it ran before this call
     */
    public record Started(PlanMonitor monitor, boolean alreadyRunning) {
    }

    private record Running(PlanMonitor monitor, Gauge gauge) {
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
        PlanMonitor monitor = new PlanMonitor(planId, stepId, source, target, heartbeatInterval, config, publisher);
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
        byPlan.put(planId, new Running(monitor, gauge));
        return new Started(monitor, false);
    }

    /** Stops the plan's monitor; {@code false} when none ran. */
    public synchronized boolean stop(String planId) {
        Running running = byPlan.remove(planId);
        if (running == null) {
            return false;
        }
        meters.remove(running.gauge());
        running.monitor().stop();
        return true;
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
