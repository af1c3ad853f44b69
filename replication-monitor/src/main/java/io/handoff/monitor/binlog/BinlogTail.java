package io.handoff.monitor.binlog;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.handoff.monitor.drift.DriftBacklog;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The Debezium embedded engine of one plan, tailing the source's binlog from where the plan's engine
 * last committed (its offsets and schema history are in Kafka, see {@link EngineProperties}), or from
 * the source's current position the first time ({@code snapshot.mode=no_data}).
 *
 * <p>Its consumer queues each row change in the plan's {@link DriftBacklog} (blocking while it is full)
 * and records the stream's position. Offsets: an event is marked processed only once every row change
 * up to it has been checked ({@link DriftBacklog#checkedThrough()}), so the committed offset never
 * passes an unchecked change; after a crash the engine replays from there and the checks run again
 * (they are idempotent). Stopping first waits (bounded) until everything checked is marked, so that a
 * restarted engine does not check again what this one did.
 *
 * <p>Threads: the engine runs on its own thread and calls {@link #handleBatch} there; the rest is
 * called by the command thread. An engine that fails after it streamed is started again after
 * {@code restartDelay}, from its stored offset.
 */
public final class BinlogTail implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {
    private static final Logger LOG = Logger.getLogger(BinlogTail.class);

    private final String planId;
    private final String stepId;
    private final EngineProperties properties;
    private final DriftBacklog backlog;
    private final ChangeEvents events;
    private final Duration stopTimeout;
    private final Duration restartDelay;
    private final ExecutorService engineThread;
    private final ScheduledExecutorService restarts;
    private final CompletableFuture<Void> streaming = new CompletableFuture<>();

    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean stopping;
    private volatile StreamPosition position;
    private volatile long markedThrough;

    /** Engine thread only: events not yet marked processed, each with the last change seq it waits for. */
    private final Deque<Pending> unmarked = new ArrayDeque<>();

    private record Pending(long doneAfter, RecordChangeEvent<SourceRecord> event) {
    }

    public BinlogTail(String planId, String stepId, EngineProperties properties, DriftBacklog backlog,
            ChangeEvents events, Duration stopTimeout, Duration restartDelay) {
        this.planId = planId;
        this.stepId = stepId;
        this.properties = properties;
        this.backlog = backlog;
        this.events = events;
        this.stopTimeout = stopTimeout;
        this.restartDelay = restartDelay;
        this.engineThread = Executors.newSingleThreadExecutor(daemon("binlog-tail-" + planId));
        this.restarts = Executors.newSingleThreadScheduledExecutor(daemon("binlog-tail-restart-" + planId));
    }

    /** Builds and runs the engine on its thread; {@link #streaming()} tells when it delivers events. */
    public synchronized void start() {
        if (stopping) {
            return;
        }
        LOG.infof("tailing the binlog of %s:%d with %s", properties.host(), properties.port(), properties);
        DebeziumEngine<RecordChangeEvent<SourceRecord>> built = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties.toProperties())
                .using(this::completed)
                .notifying(this)
                .build();
        engine = built;
        engineThread.execute(() -> {
            MDC.put("planId", planId);
            MDC.put("stepId", stepId);
            synchronized (unmarked) {
                unmarked.clear(); // a restarted engine replays from its committed offset
            }
            built.run();
        });
    }

    /** Completes with the first event handed over; fails when the engine stopped before that. */
    public CompletableFuture<Void> streaming() {
        return streaming;
    }

    /** The position of the latest event handed over, or {@code null} before the first. */
    public StreamPosition position() {
        return position;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        synchronized (unmarked) {
            markChecked(committer);
            for (RecordChangeEvent<SourceRecord> event : records) {
                SourceRecord record = event.record();
                Optional<RowChange> change = events.rowChange(record);
                if (change.isPresent()) {
                    backlog.put(change.get());
                }
                StreamPosition at = StreamPosition.of(record);
                if (LOG.isTraceEnabled()) {
                    LOG.tracef("event %s at %s (offset %s)", change.map(c -> c.rowId()).orElse("-"), at, record.sourceOffset());
                }
                if (at != null) {
                    position = at;
                }
                Pending last = unmarked.peekLast();
                if (last != null && last.doneAfter() == backlog.lastSeq()) {
                    unmarked.pollLast(); // only the latest offset of a run of events waiting for the same change matters
                }
                unmarked.addLast(new Pending(backlog.lastSeq(), event));
            }
            markChecked(committer);
            committer.markBatchFinished();
        }
        if (!records.isEmpty()) {
            streaming.complete(null);
        }
    }

    /** Engine thread: marks processed, in order, the events whose row changes are all checked. */
    private void markChecked(DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        long checked = backlog.checkedThrough();
        Pending pending;
        while ((pending = unmarked.peekFirst()) != null && pending.doneAfter() <= checked) {
            committer.markProcessed(pending.event());
            unmarked.pollFirst();
            markedThrough = pending.doneAfter();
        }
    }

    /** Engine thread, at its end: a failure before streaming fails {@link #streaming()}, later ones restart. */
    private void completed(boolean success, String message, Throwable error) {
        if (stopping) {
            streaming.completeExceptionally(new IllegalStateException("the binlog tail of " + planId + " was stopped"));
            return;
        }
        Throwable failure = error != null ? error : new IllegalStateException(message);
        if (!streaming.isDone()) {
            streaming.completeExceptionally(failure);
            return;
        }
        LOG.errorf("the binlog tail of %s stopped (%s); starting it again in %d ms from its stored offset",
                planId, message, restartDelay.toMillis());
        restarts.schedule(this::start, restartDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the engine: first waits (at most half the stop timeout) until the events carrying every
     * change checked so far are marked, so that their offsets are committed when the engine stops.
     */
    public void stop(Duration checksDrainTimeout) {
        long until = System.nanoTime() + Math.min(checksDrainTimeout.toNanos(), stopTimeout.toNanos() / 2);
        long target = backlog.lastSeq();
        while (streaming.isDone() && !streaming.isCompletedExceptionally() && markedThrough < target
                && System.nanoTime() < until) {
            pause(20);
        }
        synchronized (this) {
            stopping = true;
        }
        restarts.shutdownNow();
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
        while (current != null) {
            try {
                current.close();
                break;
            } catch (IllegalStateException startingOrStopped) {
                // Debezium refuses to stop while its tasks start (they open connections); it stops right after.
                if (System.nanoTime() > deadline || startingOrStopped.getMessage() == null
                        || !startingOrStopped.getMessage().contains("starting")) {
                    break;
                }
                pause(100);
            } catch (IOException e) {
                LOG.warnf("stopping the binlog tail of %s: %s", planId, e.getMessage());
                break;
            }
        }
        engineThread.shutdown();
        try {
            if (!engineThread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warnf("the binlog tail of %s did not stop within %s; interrupting it", planId, stopTimeout);
                engineThread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streaming.completeExceptionally(new IllegalStateException("the binlog tail of " + planId + " was stopped"));
        LOG.infof("stopped tailing the binlog of %s:%d", properties.host(), properties.port());
    }

    /** {@code true} when {@code failure} says the source refused the account or the statement: retrying cannot help. */
    public static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("28") || sql.getSQLState().startsWith("42"))) {
                return true;
            }
            if (cause.getMessage() != null && cause.getMessage().contains("Access denied")) {
                return true;
            }
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
