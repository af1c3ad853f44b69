package io.handoff.localstack.workload;

import java.time.Duration;

/**
 * Capped exponential backoff of one writer thread: the first error in a row waits the initial delay, each
 * further one twice as long, never more than the cap; a success resets it. Not thread-safe.
 */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    Backoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.nextNanos = initialNanos;
    }

    /** The pause after one more error in a row, in nanoseconds. */
    long nextDelayNanos() {
        long delay = nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        return delay;
    }

    /** After a success: the next error waits the initial delay again. */
    void reset() {
        nextNanos = initialNanos;
    }
}
