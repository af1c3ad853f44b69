package io.handoff.cutover.seed;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The {@link LoadDataRows} buffers the seed's writers hand back once their batch is loaded, for the readers to fill
 * again: a seed allocates a few buffers instead of one per batch. A buffer is about a batch's bytes (1 MiB and more by
 * default), which the JVM allocates outside its young generation and zeroes: one per batch of a 2,000,000-row seed was
 * gigabytes of it. At most {@value #KEPT} are kept; thread-safe.
 */
final class SpareRows {
    /** Buffers kept at most (each writer holds one, its reader fills one and hands over up to two). */
    static final int KEPT = 16;

    private final BlockingQueue<LoadDataRows> spare = new ArrayBlockingQueue<>(KEPT);
    private final int capacity;

    /** @param capacity bytes of a new buffer */
    SpareRows(int capacity) {
        this.capacity = capacity;
    }

    /** An empty buffer: one handed back, or a new one. */
    LoadDataRows take() {
        LoadDataRows rows = spare.poll();
        return rows != null ? rows : new LoadDataRows(capacity);
    }

    /** {@code rows}, loaded and no longer read by anyone, emptied for the next batch; dropped when enough are kept. */
    void giveBack(LoadDataRows rows) {
        rows.clear();
        spare.offer(rows);
    }
}
