package io.handoff.monitor.lag;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.LagSample;
import io.handoff.common.sql.GtidSets;
import io.handoff.common.sql.SqlDialect;
import io.handoff.monitor.binlog.BinlogTail;
import io.handoff.monitor.binlog.StreamPosition;
import io.handoff.monitor.config.MonitorConfig;
import io.handoff.monitor.drift.DriftChecker;
import io.handoff.monitor.messaging.LagPublisher;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The monitor of one plan: a heartbeat writer stamping the plan's row on the source at a fixed
 * rate, a sampler reading the replicated row on the target at a fixed rate and publishing a
 * {@link LagSample} each time, the plan's {@link BinlogTail} (Debezium tailing the source's binlog:
 * the samples' source position is the stream's) and its {@link DriftChecker} (continuous drift of
 * the rows the tail sees change; the samples carry how many rows it checked since the previous one).
 *
 * <p>Threads: the writer and the sampler each run on their own single scheduler thread and own their
 * connections (writer: one to the source; sampler: one to the source, one to the target), so a slow
 * source does not delay the samples, and a stuck target does not delay the heartbeat. A run never
 * throws (that would cancel the schedule): failures are logged when they start and when they end.
 *
 * <p>Lag is the sampler's clock minus the replicated heartbeat, both stamped by this process's clock,
 * so the servers' clocks do not matter. A sample is stale when the source's own heartbeat is older
 * than {@code staleAfterIntervals} heartbeat intervals: the writer is not advancing (the source is
 * read-only, unreachable, or the writer stopped), so the lag only says "at least".
 *
 * <p>The heartbeat writes only on the plan's current writable master, and never on it once the plan's flip
 * fences it (issue 16, point 2): each stamp is a transaction that first locks the plan's fence marker and
 * writes nothing when it is there; the old master's READ_ONLY commits that marker before it fences. Under
 * {@code account-lock} and {@code security-group-swap} the monitor's administrative account is spared by the
 * fence, so without the marker the heartbeat went on as errant transactions of the old master. See
 * {@link io.handoff.common.sql.HeartbeatFence}.
 */
public final class PlanMonitor {
    private static final Logger LOG = Logger.getLogger(PlanMonitor.class);
    private static final int NO_SUCH_TABLE = 1146;
    private static final int UNKNOWN_DATABASE = 1049;
    private static final List<List<String>> APPLIED_COLUMNS = List.of(
            List.of("Relay_Master_Log_File", "Relay_Source_Log_File"), List.of("Exec_Master_Log_Pos", "Exec_Source_Log_Pos"),
            List.of("Slave_IO_Running", "Replica_IO_Running"), List.of("Slave_SQL_Running", "Replica_SQL_Running"),
            List.of("Last_IO_Error"), List.of("Last_SQL_Error"));

    private final String planId;
    private final String stepId;
    private final ClusterSpec source;
    private final ClusterSpec target;
    /** The target's commit-timestamp lag query, built once: the sampler runs it on every sample. */
    private final Duration heartbeatInterval;
    private final Duration sampleInterval;
    private final Duration staleAfter;
    private final Duration stopTimeout;
    private final LagPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    private final MonitorConnection writerSource;
    private final MonitorConnection samplerSource;
    private final MonitorConnection samplerTarget;
    private final ScheduledExecutorService writer;
    private final ScheduledExecutorService sampler;
    private final BinlogTail tail;
    private final DriftChecker checker;

    private final CompletableFuture<Long> firstSample = new CompletableFuture<>();
    private final AtomicBoolean publishFailing = new AtomicBoolean();
    private volatile double lastLagMs = Double.NaN;
    private volatile Instant lastStamp;

    // Writer thread only.
    private boolean writerFailing;
    private boolean writerPaused;
    private boolean writerFenced;
    // Sampler thread only.
    private boolean sourceReadFailing;
    private boolean targetReadFailing;
    private boolean commitLagUnavailable;

    PlanMonitor(String planId, String stepId, ClusterSpec source, ClusterSpec target, Duration heartbeatInterval,
            MonitorConfig config, LagPublisher publisher, BinlogTail tail, DriftChecker checker) {
        this.planId = planId;
        this.stepId = stepId;
        this.source = source;
        this.target = target;
        this.heartbeatInterval = heartbeatInterval;
        Duration configured = config.lag().sampleInterval();
        this.sampleInterval = configured.compareTo(Duration.ofMillis(250)) > 0 ? Duration.ofMillis(250) : configured;
        this.staleAfter = heartbeatInterval.multipliedBy(Math.max(1, config.lag().staleAfterIntervals()));
        this.stopTimeout = config.connections().networkTimeout().plusSeconds(1);
        this.publisher = publisher;
        this.tail = tail;
        this.checker = checker;
        this.writerSource = new MonitorConnection(source, config.connections());
        this.samplerSource = new MonitorConnection(source, config.connections());
        this.samplerTarget = new MonitorConnection(target, config.connections());
        this.writer = Executors.newSingleThreadScheduledExecutor(daemon("heartbeat-" + planId));
        this.sampler = Executors.newSingleThreadScheduledExecutor(daemon("lag-sampler-" + planId));
    }

    /**
     * Creates the heartbeat table on the source if it is missing (waiting at most {@code timeout}),
     * then starts both loops. Throws what creating the table threw; nothing runs then.
     */
    void start(Duration timeout) throws SQLException, TimeoutException {
        try {
            writer.submit(() -> {
                MDC.put("planId", planId);
                MDC.put("stepId", stepId);
                try {
                    if (!"1".equals(writerSource.value(HeartbeatTable.exists()))) {
                        for (var statement : HeartbeatTable.create()) {
                            writerSource.update(statement);
                        }
                        LOG.infof("created %s on %s", HeartbeatTable.TABLE, source.name());
                    }
                    return null;
                } finally {
                    MDC.remove("planId");
                    MDC.remove("stepId");
                }
            }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the heartbeat table", e);
        }
        checker.start();
        tail.start();
        writer.scheduleAtFixedRate(this::stamp, 0, heartbeatInterval.toNanos(), TimeUnit.NANOSECONDS);
        sampler.scheduleAtFixedRate(this::sample, 0, sampleInterval.toNanos(), TimeUnit.NANOSECONDS);
        LOG.infof("monitoring %s <- %s: heartbeat every %d ms, a sample every %d ms", target.name(), source.name(),
                heartbeatInterval.toMillis(), sampleInterval.toMillis());
    }

    /**
     * The lag of the first sample Kafka acknowledged, once the binlog tail streams too, waiting at
     * most {@code timeout} for both.
     *
     * @throws TimeoutException      when either did not happen in time
     * @throws CancellationException when the monitor stopped meanwhile
     * @throws ExecutionException    when the binlog tail failed before it streamed (the cause says why)
     */
    public long awaitFirstSample(Duration timeout) throws TimeoutException, ExecutionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            long lag;
            try {
                lag = firstSample.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new CancellationException(e.getCause().getMessage());
            }
            tail.streaming().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /** Rows the drift checker checked since the start. */
    public long rowsChecked() {
        return checker.rowsChecked();
    }

    /** Row changes waiting in the drift backlog. */
    public int backlog() {
        return checker.backlogSize();
    }

    /** Drift reports published since the start. */
    public long driftReports() {
        return checker.driftReports();
    }

    /**
     * Stops the binlog tail (after its checked rows' offsets are committed, bounded), the drift
     * checker, both loops, and closes the connections; the heartbeat row stays (it may be a
     * replica's by now). The heartbeat goes on while the tail stops: its events are what lets the
     * tail mark the last checked rows.
     */
    void stop() {
        tail.stop(stopTimeout);
        checker.stop(stopTimeout);
        writer.shutdownNow();
        sampler.shutdownNow();
        firstSample.completeExceptionally(new CancellationException("monitor of " + planId + " stopped"));
        try {
            if (!writer.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    || !sampler.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("a monitor loop of %s did not end within %s; closing its connections under it", planId, stopTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writerSource.close();
        samplerSource.close();
        samplerTarget.close();
        LOG.infof("stopped monitoring %s <- %s", target.name(), source.name());
    }

    public String sourceName() {
        return source.name();
    }

    public String targetName() {
        return target.name();
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    public Duration sampleInterval() {
        return sampleInterval;
    }

    /** The lag of the latest sample, ms; NaN before the first. Read by the gauge. */
    double lastLagMs() {
        return lastLagMs;
    }

    /** Writer thread: one heartbeat. */
    private void stamp() {
        withMdc(() -> {
            Instant now = clock.instant();
            try {
                int changed = writerSource.stampUnlessFenced(planId, HeartbeatTable.stamp(planId, now));
                if (changed < 0) {
                    if (!writerFenced) {
                        LOG.infof("%s is fenced by this plan's flip: heartbeat stopped for good (samples turn stale)",
                                source.name());
                    }
                    writerFenced = true;
                    return;
                }
                if (changed == 0) {
                    if (!writerPaused) {
                        LOG.infof("%s is read-only: heartbeat paused (samples turn stale)", source.name());
                    }
                    writerPaused = true;
                    return;
                }
                lastStamp = now;
                if (writerPaused || writerFailing) {
                    LOG.infof("heartbeat on %s resumed", source.name());
                }
                writerPaused = false;
                writerFailing = false;
            } catch (SQLException | RuntimeException e) {
                if (!writerFailing) {
                    LOG.warnf("heartbeat on %s failed, retrying every %d ms: %s", source.name(),
                            heartbeatInterval.toMillis(), e.getMessage());
                }
                writerFailing = true;
            }
        });
    }

    /** Sampler thread: one measurement, published. */
    private void sample() {
        withMdc(() -> {
            // Source first: the target cannot be ahead of a source position read before it.
            Instant sourceBeat = null;
            Instant sourceReadAt = null;
            // The source's position is the binlog tail's: what the stream (and so the drift checks) reached.
            StreamPosition streamed = tail.position();
            String sourcePosition = streamed == null ? null : streamed.gtidSet();
            String[] binlog = streamed == null ? new String[] {null, null}
                    : new String[] {streamed.file(), streamed.pos() == null ? null : streamed.pos().toString()};
            try {
                String beat = heartbeat(samplerSource);
                sourceReadAt = clock.instant();
                sourceBeat = beat == null ? null : HeartbeatTable.parse(beat);
                if (sourceReadFailing) {
                    LOG.infof("reading %s works again", source.name());
                }
                sourceReadFailing = false;
            } catch (SQLException | RuntimeException e) {
                if (!sourceReadFailing) {
                    LOG.warnf("cannot read %s, samples go on without its position: %s", source.name(), e.getMessage());
                }
                sourceReadFailing = true;
            }
            String targetPosition;
            String[] applied;
            String replicated;
            try {
                SqlDialect targetDialect = samplerTarget.dialect();
                targetPosition = GtidSets.normalize(samplerTarget.value(targetDialect.executedGtidPosition()));
                applied = samplerTarget.row(targetDialect.replicaStatus(), APPLIED_COLUMNS);
                replicated = heartbeat(samplerTarget);
                if (targetReadFailing) {
                    LOG.infof("reading %s works again", target.name());
                }
                targetReadFailing = false;
            } catch (SQLException | RuntimeException e) {
                if (!targetReadFailing) {
                    LOG.warnf("cannot read %s, no samples until it answers: %s", target.name(), e.getMessage());
                }
                targetReadFailing = true;
                return;
            }
            Instant sampledAt = clock.instant();
            if (replicated == null) {
                return; // the first heartbeat has not reached the target yet
            }
            long lag = Math.max(0, Duration.between(HeartbeatTable.parse(replicated), sampledAt).toMillis());
            Instant lastBeat = sourceBeat != null ? sourceBeat : lastStamp;
            Instant beatSeenAt = sourceBeat != null ? sourceReadAt : sampledAt;
            boolean stale = lastBeat == null || Duration.between(lastBeat, beatSeenAt).compareTo(staleAfter) > 0;
            LagSample sample = LagSample.of(planId, lag, stale, sourcePosition, targetPosition,
                    GtidDistance.transactionsBehind(sourcePosition, targetPosition), bytesBehind(binlog, applied),
                    checker.takeRowsCheckedSinceLast(), sampledAt, ReplicaHealth.problem(target.name(), applied), clock)
                    .withCommitLagMicros(commitLagMicros());
            lastLagMs = lag;
            publisher.publish(sample, failure -> published(lag, failure));
        });
    }

    /** Kafka thread: the outcome of one sample. */
    private void published(long lag, Throwable failure) {
        if (failure == null) {
            firstSample.complete(lag);
            if (publishFailing.compareAndSet(true, false)) {
                LOG.infof("lag samples of %s are accepted by Kafka again", planId);
            }
        } else if (publishFailing.compareAndSet(false, true)) {
            LOG.warnf("lag samples of %s are not accepted by Kafka, dropping them until it does: %s", planId,
                    failure.getMessage());
        }
    }

    /**
     * The target's commit-timestamp lag ({@link SqlDialect#commitTimestampLagMicros()}), or null where the
     * flavour has none. When the read fails ({@code performance_schema} off, no privilege) it is logged once and
     * not tried again by this monitor: a failing read would cost the sampler its target connection each time.
     */
    private Long commitLagMicros() {
        if (commitLagUnavailable) {
            return null;
        }
        try {
            java.util.Optional<io.handoff.common.sql.SqlStatement> commitLagQuery = samplerTarget.dialect().commitTimestampLagMicros();
            if (commitLagQuery.isEmpty()) {
                return null;
            }
            String micros = samplerTarget.value(commitLagQuery.get());
            return micros == null ? null : Long.parseLong(micros);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("cannot read the commit-timestamp lag of %s; samples carry the heartbeat lag only: %s",
                    target.name(), e.getMessage());
            commitLagUnavailable = true;
            return null;
        }
    }

    private String heartbeat(MonitorConnection connection) throws SQLException {
        try {
            return connection.value(HeartbeatTable.read(planId));
        } catch (SQLException e) {
            if (e.getErrorCode() == NO_SUCH_TABLE || e.getErrorCode() == UNKNOWN_DATABASE) {
                return null; // the schema's or the table's DDL has not replicated yet
            }
            throw e;
        }
    }

    /** Source binlog bytes the target has not applied, when both are in the same binlog file. */
    static long bytesBehind(String[] binlog, String[] applied) {
        if (binlog[0] == null || binlog[1] == null || applied[0] == null || applied[1] == null
                || !binlog[0].equals(applied[0])) {
            return LagSample.UNKNOWN;
        }
        try {
            return Math.max(0, Long.parseLong(binlog[1]) - Long.parseLong(applied[1]));
        } catch (NumberFormatException e) {
            return LagSample.UNKNOWN;
        }
    }

    private void withMdc(Runnable work) {
        MDC.put("planId", planId);
        MDC.put("stepId", stepId);
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "monitor loop of %s failed unexpectedly; it runs again at its next tick", planId);
        } finally {
            MDC.remove("planId");
            MDC.remove("stepId");
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
