package io.handoff.awsemu;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Injected faults for an API: each of the next API calls takes the oldest queued fault and answers with
 * it instead of being served. Faults queue in the order they were added. Thread-safe.
 */
public final class FaultQueue {

    private final Deque<ApiError> queue = new ArrayDeque<>();

    /**
     * Queues {@code fault} for each of the next {@code n} calls.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public synchronized void add(int n, ApiError fault) {
        Objects.requireNonNull(fault, "fault");
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        for (int i = 0; i < n; i++) {
            queue.addLast(fault);
        }
    }

    /** Takes the next queued fault, or null if none is queued. */
    public synchronized ApiError next() {
        return queue.pollFirst();
    }

    /** Drops all queued faults. */
    public synchronized void clear() {
        queue.clear();
    }

    /** Number of faults still queued. */
    public synchronized int pending() {
        return queue.size();
    }
}
