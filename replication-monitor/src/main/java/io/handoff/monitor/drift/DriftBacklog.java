package io.handoff.monitor.drift;

import io.handoff.monitor.binlog.RowChange;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The row changes of one plan waiting to be checked on the target, in stream order, at most
 * {@code capacity} of them. One producer (the engine's consumer thread, which blocks in
 * {@link #put} while the backlog is full: back-pressure down to the binlog reader) and one consumer
 * (the checker thread).
 *
 * <p>Besides the queue it keeps, per row, the number of the latest change queued (so that a check can
 * tell that a later change of the same row will check it again) and how far checking got: every
 * change numbered up to {@link #checkedThrough()} is checked and its drift, if any, published, so
 * the engine may commit the offsets of the events that carried them.
 */
public final class DriftBacklog {
    private final BlockingQueue<RowChange> queue;
    private final int capacity;
    private final ConcurrentHashMap<String, Long> latestByRow = new ConcurrentHashMap<>();
    private final AtomicLong lastSeq = new AtomicLong();
    private final AtomicLong checkedThrough = new AtomicLong();

    public DriftBacklog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("handoff.monitor.drift.backlog-capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Producer thread: numbers {@code change} and queues it, waiting while the backlog is full. */
    public RowChange put(RowChange change) throws InterruptedException {
        RowChange numbered = change.withSeq(lastSeq.get() + 1);
        latestByRow.merge(numbered.rowId(), numbered.seq(), Math::max);
        queue.put(numbered);
        lastSeq.set(numbered.seq());
        return numbered;
    }

    /** The number of the latest change queued, 0 before the first. */
    public long lastSeq() {
        return lastSeq.get();
    }

    /** Consumer thread: the oldest change, still queued, or {@code null}. */
    RowChange peek() {
        return queue.peek();
    }

    /** Consumer thread: removes the oldest change. */
    RowChange poll() {
        return queue.poll();
    }

    /** Changes queued now. */
    public int size() {
        return queue.size();
    }

    public int capacity() {
        return capacity;
    }

    /** {@code true} when a change of {@code change}'s row newer than it was queued. */
    boolean supersededLater(RowChange change, String rowId) {
        Long latest = latestByRow.get(rowId);
        return latest != null && latest > change.seq();
    }

    /** Consumer thread: forgets the row unless a change of it numbered above {@code checkedSeq} is queued. */
    void forget(String rowId, long checkedSeq) {
        latestByRow.computeIfPresent(rowId, (row, latest) -> latest <= checkedSeq ? null : latest);
    }

    /** Every change numbered up to this is checked and its drift published. */
    public long checkedThrough() {
        return checkedThrough.get();
    }

    void checkedThrough(long seq) {
        checkedThrough.accumulateAndGet(seq, Math::max);
    }
}
