package io.handoff.monitor.drift;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.DriftKind;
import io.handoff.common.event.DriftReport;
import io.handoff.common.event.LagSample;
import io.handoff.common.sql.GtidSets;
import io.handoff.common.sql.SqlStatement;
import io.handoff.monitor.binlog.RowChange;
import io.handoff.monitor.binlog.StreamPosition;
import io.handoff.monitor.config.MonitorConfig;
import io.handoff.monitor.lag.GtidDistance;
import io.handoff.monitor.lag.MonitorConnection;
import io.handoff.monitor.messaging.DriftPublisher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Continuous drift detection of one plan: takes the row changes of the {@link DriftBacklog} in
 * stream order once the target's executed GTID position contains them, reads those rows on the
 * target by primary key (one query per table and batch of keys) and compares each with the change's
 * after-image hash; a deleted row must be absent.
 *
 * <p>A row that does not match is only a suspect at first: the target may already have applied a
 * later change of the same row that the binlog tail has not handed over yet. It is reported (a
 * {@link DriftReport} naming table and key, kind missing, extra or different) once the tail's
 * stream has passed the target's position read at the check, and only if no later change of that
 * row came with it (that later change is checked in turn).
 *
 * <p>Idempotent: checking a change twice (Debezium replays a batch after a crash) reads the same
 * target row again, and reports drift only if it is still there. Threads: one checker thread of its
 * own, with its own target connection; counts are read by the sampler and the metrics.
 */
public final class DriftChecker {
    private static final Logger LOG = Logger.getLogger(DriftChecker.class);

    private final String planId;
    private final String stepId;
    private final ClusterSpec target;
    private final DriftBacklog backlog;
    private final DriftPublisher publisher;
    private final Supplier<StreamPosition> stream;
    private final MonitorConnection connection;
    private final int lookupBatch;
    private final Duration pollInterval;
    private final Duration publishTimeout;
    private final Clock clock = Clock.systemUTC();
    private final RowHash hash = new RowHash();
    private final Deque<Suspect> suspects = new ArrayDeque<>();
    /** Suspects per row: a row stays known to the backlog while one waits, so a later change still supersedes it. */
    private final Map<String, Integer> suspectRows = new HashMap<>();
    private long polledThrough;
    private final AtomicLong rowsChecked = new AtomicLong();
    private final AtomicLong rowsCheckedReported = new AtomicLong();
    private final AtomicLong driftReports = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean failing;

    private record Mismatch(RowChange change, String rowId, DriftKind kind) {
    }

    private record Suspect(RowChange change, String rowId, DriftKind kind, String targetPosition, Instant detectedAt) {
    }

    public DriftChecker(String planId, String stepId, ClusterSpec target, MonitorConfig config, DriftBacklog backlog,
            DriftPublisher publisher, Supplier<StreamPosition> stream) {
        this.planId = planId;
        this.stepId = stepId;
        this.target = target;
        this.backlog = backlog;
        this.publisher = publisher;
        this.stream = stream;
        this.connection = new MonitorConnection(target, config.connections());
        this.lookupBatch = Math.max(1, config.drift().lookupBatchSize());
        this.pollInterval = config.drift().pollInterval();
        this.publishTimeout = config.connections().networkTimeout();
        this.thread = new Thread(this::run, "drift-checker-" + planId);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Stops the checker thread and closes its connection; what is left in the backlog stays unchecked. */
    public void stop(Duration timeout) {
        running = false;
        thread.interrupt();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }

    /** Row changes checked since the start. */
    public long rowsChecked() {
        return rowsChecked.get();
    }

    /** Row changes checked since the previous call (the count a LagSample carries). */
    public long takeRowsCheckedSinceLast() {
        long total = rowsChecked.get();
        return total - rowsCheckedReported.getAndSet(total);
    }

    /** Drift reports published since the start. */
    public long driftReports() {
        return driftReports.get();
    }

    /** Row changes waiting in the backlog. */
    public int backlogSize() {
        return backlog.size();
    }

    private void run() {
        MDC.put("planId", planId);
        MDC.put("stepId", stepId);
        try {
            while (running) {
                try {
                    if (!round()) {
                        TimeUnit.NANOSECONDS.sleep(pollInterval.toNanos());
                    }
                    if (failing) {
                        LOG.infof("drift checks on %s work again", target.name());
                        failing = false;
                    }
                } catch (SQLException | RuntimeException e) {
                    if (!failing) {
                        LOG.warnf("drift checks on %s failed, retrying every %d ms: %s", target.name(),
                                pollInterval.toMillis(), e.getMessage());
                    }
                    failing = true;
                    TimeUnit.NANOSECONDS.sleep(pollInterval.toNanos());
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            MDC.remove("planId");
            MDC.remove("stepId");
        }
    }

    /** One round; {@code false} when there was nothing to do yet (the caller waits a poll interval). */
    private boolean round() throws SQLException, InterruptedException {
        // Read before looking at the queue: a change numbered up to this is queued or already taken.
        long queuedBefore = backlog.lastSeq();
        if (backlog.peek() == null && suspects.isEmpty()) {
            backlog.checkedThrough(queuedBefore);
            return false;
        }
        String targetPosition = GtidSets.normalize(connection.value(connection.dialect().executedGtidPosition()));
        List<RowChange> ready = new ArrayList<>();
        RowChange head;
        while (ready.size() < lookupBatch * 4 && (head = backlog.peek()) != null && applied(head, targetPosition)) {
            RowChange polled = backlog.poll();
            ready.add(polled);
            polledThrough = polled.seq();
        }
        if (!ready.isEmpty()) {
            check(ready);
        }
        boolean resolved = resolveSuspects();
        long through = ready.isEmpty() ? 0 : ready.get(ready.size() - 1).seq();
        if (backlog.peek() == null) {
            through = Math.max(through, queuedBefore);
        }
        Suspect oldest = suspects.peekFirst();
        if (oldest != null) {
            through = Math.min(through, oldest.change().seq() - 1);
        }
        backlog.checkedThrough(through);
        return !ready.isEmpty() || resolved;
    }

    /** {@code true} when the target has applied the transaction of {@code change}. */
    private static boolean applied(RowChange change, String targetPosition) {
        if (change.gtid() == null) {
            return true; // a source without GTIDs: checked as soon as seen, best effort
        }
        return GtidDistance.transactionsBehind(change.gtid(), targetPosition) == 0;
    }

    private void check(List<RowChange> ready) throws SQLException {
        Map<String, Map<String, RowChange>> byTable = new LinkedHashMap<>();
        for (RowChange change : ready) {
            String rowId = change.rowId();
            if (backlog.supersededLater(change, rowId)) {
                continue; // a later change of this row is queued and checks it then
            }
            byTable.computeIfAbsent(change.qualifiedTable(), t -> new LinkedHashMap<>()).put(rowId, change);
        }
        List<Mismatch> mismatches = new ArrayList<>();
        for (Map<String, RowChange> changes : byTable.values()) {
            List<RowChange> batch = new ArrayList<>(lookupBatch);
            for (RowChange change : changes.values()) {
                batch.add(change);
                if (batch.size() == lookupBatch) {
                    compare(batch, mismatches);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                compare(batch, mismatches);
            }
        }
        if (!mismatches.isEmpty()) {
            // Read after the lookups: the rows read reflect at most this position, later changes of them included.
            String seenUpTo = GtidSets.normalize(connection.value(connection.dialect().executedGtidPosition()));
            Instant now = clock.instant();
            for (Mismatch mismatch : mismatches) {
                suspects.addLast(new Suspect(mismatch.change(), mismatch.rowId(), mismatch.kind(), seenUpTo, now));
                suspectRows.merge(mismatch.rowId(), 1, Integer::sum);
            }
        }
        rowsChecked.addAndGet(ready.size());
    }

    /** Reads the rows of {@code batch} (one table) on the target and compares them. */
    private void compare(List<RowChange> batch, List<Mismatch> mismatches) throws SQLException {
        Map<String, RowChange> byRow = new HashMap<>();
        for (RowChange change : batch) {
            byRow.put(change.rowId(), change);
        }
        Map<String, Long> found = connection.query(lookup(batch), rows -> read(rows, batch.get(0), byRow));
        for (Map.Entry<String, RowChange> entry : byRow.entrySet()) {
            RowChange change = entry.getValue();
            Long targetHash = found.get(entry.getKey());
            DriftKind kind = null;
            if (change.delete()) {
                kind = targetHash != null ? DriftKind.EXTRA : null;
            } else if (targetHash == null) {
                kind = DriftKind.MISSING;
            } else if (targetHash != change.imageHash()) {
                kind = DriftKind.DIFFERENT;
            }
            if (kind == null) {
                forget(entry.getKey());
            } else {
                mismatches.add(new Mismatch(change, entry.getKey(), kind));
            }
        }
    }

    private Map<String, Long> read(ResultSet rows, RowChange any, Map<String, RowChange> byRow) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        while (rows.next()) {
            StringBuilder rowId = new StringBuilder(any.qualifiedTable());
            for (int i = 0; i < any.keyShape().size(); i++) {
                rowId.append('\u0001').append(any.keyShape().kinds().get(i).canonical(rows, any.keyShape().columns().get(i)));
            }
            String id = rowId.toString();
            RowChange change = byRow.get(id);
            if (change != null) {
                found.put(id, change.delete() ? 0L : hash.of(change.imageShape(), rows));
            }
        }
        return found;
    }

    /** {@code SELECT * FROM `schema`.`table` WHERE (k1, k2) IN ((?, ?), ...)}. */
    static SqlStatement lookup(List<RowChange> batch) {
        RowChange first = batch.get(0);
        List<String> keyColumns = first.keyShape().columns();
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(quote(first.schema())).append('.')
                .append(quote(first.table())).append(" WHERE ");
        String tuple;
        if (keyColumns.size() == 1) {
            sql.append(quote(keyColumns.get(0)));
            tuple = "?";
        } else {
            sql.append('(');
            for (int i = 0; i < keyColumns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(quote(keyColumns.get(i)));
            }
            sql.append(')');
            tuple = "(" + "?, ".repeat(keyColumns.size() - 1) + "?)";
        }
        sql.append(" IN (");
        List<Object> params = new ArrayList<>(batch.size() * keyColumns.size());
        for (int row = 0; row < batch.size(); row++) {
            sql.append(row == 0 ? "" : ", ").append(tuple);
            RowChange change = batch.get(row);
            for (int i = 0; i < keyColumns.size(); i++) {
                params.add(change.keyShape().kinds().get(i).bindable(change.key().get(i)));
            }
        }
        sql.append(')');
        return new SqlStatement(sql.toString(), params, List.of());
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * Reports the suspects whose fate the stream can tell: it has passed the target position read at
     * their check. Returns {@code true} when one was settled.
     */
    private boolean resolveSuspects() throws InterruptedException {
        StreamPosition position = stream.get();
        boolean settled = false;
        while (!suspects.isEmpty()) {
            Suspect suspect = suspects.peekFirst();
            if (!streamPassed(position, suspect.targetPosition())) {
                break;
            }
            if (!backlog.supersededLater(suspect.change(), suspect.rowId())) {
                DriftReport report = DriftReport.ofRow(planId, suspect.change().qualifiedTable(), suspect.kind(),
                        suspect.change().reportedKey(), suspect.detectedAt(), clock);
                if (!published(report)) {
                    break; // Kafka refused it: kept, and the offsets wait for it
                }
                driftReports.incrementAndGet();
                LOG.infof("drift: %s row of %s with key %s", suspect.kind(), report.table(), report.primaryKey());
            }
            suspects.pollFirst();
            if (suspectRows.merge(suspect.rowId(), -1, Integer::sum) <= 0) {
                suspectRows.remove(suspect.rowId());
                forget(suspect.rowId());
            }
            settled = true;
        }
        return settled;
    }

    /** The row is no longer tracked, unless a suspect of it waits or a change of it is still queued. */
    private void forget(String rowId) {
        if (!suspectRows.containsKey(rowId)) {
            backlog.forget(rowId, polledThrough);
        }
    }

    private static boolean streamPassed(StreamPosition position, String targetPosition) {
        if (position == null) {
            return false;
        }
        if (position.completedSet() == null || targetPosition == null) {
            return position.gtidSet() == null; // without GTIDs the stream's word is all there is
        }
        long missing = GtidDistance.transactionsBehind(targetPosition, position.completedSet());
        return missing == 0 || missing == LagSample.UNKNOWN;
    }

    private boolean published(DriftReport report) throws InterruptedException {
        try {
            publisher.publish(report).toCompletableFuture().get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("a drift report of %s was not accepted by Kafka, trying again: %s", report.table(), e.getMessage());
            return false;
        }
    }
}
