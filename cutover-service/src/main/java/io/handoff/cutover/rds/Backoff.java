package io.handoff.cutover.rds;

import java.time.Duration;
import java.time.Instant;

/**
 * Pauses between polls: {@code initial}, doubled after each pause up to {@code max}, never past the deadline.
 * Runs on the command worker thread; {@link #pause()} blocks it.
 */
final class Backoff {
    private final Duration max;
    private final Instant deadline;
    private Duration next;

    Backoff(Duration initial, Duration max, Instant deadline) {
        this.next = initial;
        this.max = max;
        this.deadline = deadline;
    }

    /**
     * Sleeps the next interval, cut at the deadline.
     *
     * @return {@code false} when the deadline has passed (nothing slept)
     * @throws InterruptedException when the thread is interrupted (the service stops)
     */
    boolean pause() throws InterruptedException {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
            return false;
        }
        Thread.sleep(Math.min(left, next.toMillis()));
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return true;
    }
}
