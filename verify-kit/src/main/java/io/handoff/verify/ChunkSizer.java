package io.handoff.verify;

import java.time.Duration;

/**
 * The size of a table's next chunk, adapted so that a chunk's checksum takes about the target time
 * (pt-table-checksum's {@code --chunk-time}): the checksum rate (rows per second) is averaged over
 * the chunks so far, weighting the past as much as the newest chunk, and the next chunk gets
 * {@code rate * target} rows, within [min, max] and at most four times the previous size, so that
 * one fast chunk (cached pages) does not make the next one huge. One sizer per table; thread-safe (chunks
 * of one table are checked on several threads).
 */
public final class ChunkSizer {
    private static final double GROWTH_LIMIT = 4.0;

    private final double targetSeconds;
    private final int min;
    private final int max;
    private int next;
    private double rowsPerSecond = Double.NaN;

    public ChunkSizer(Duration target, int initial, int min, int max) {
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("chunk time must be positive, not " + target);
        }
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("chunk rows bounds must satisfy 1 <= min <= max, not " + min + ", " + max);
        }
        this.targetSeconds = target.toNanos() / 1e9;
        this.min = min;
        this.max = max;
        this.next = clamp(initial);
    }

    /** Rows to put in the next chunk. */
    public synchronized int nextRows() {
        return next;
    }

    /**
     * Records that a chunk of {@code rows} rows took {@code elapsed}. A chunk of fewer rows than asked
     * (the table's last) still counts: its rate is as good a measure.
     */
    public synchronized void observe(long rows, Duration elapsed) {
        if (rows <= 0) {
            return;
        }
        double seconds = Math.max(elapsed.toNanos(), 1_000) / 1e9;
        double rate = rows / seconds;
        rowsPerSecond = Double.isNaN(rowsPerSecond) ? rate : (rowsPerSecond + rate) / 2;
        double wanted = rowsPerSecond * targetSeconds;
        next = clamp((long) Math.min(wanted, next * GROWTH_LIMIT));
    }

    private int clamp(long rows) {
        return (int) Math.max(min, Math.min(max, rows));
    }
}
