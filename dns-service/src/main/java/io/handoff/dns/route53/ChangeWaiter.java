package io.handoff.dns.route53;

import io.handoff.dns.config.Route53Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a submitted change to be INSYNC, polling GetChange: first after
 * {@code handoff.route53.insync-poll-initial}, then twice as long each time up to
 * {@code insync-poll-max}, never sleeping past the deadline. Blocks the calling (worker) thread.
 */
@ApplicationScoped
public class ChangeWaiter {
    private final RecordSets recordSets;
    private final Duration initialInterval;
    private final Duration maxInterval;
    private final Clock clock = Clock.systemUTC();

    public ChangeWaiter(RecordSets recordSets, Route53Config config) {
        this.recordSets = recordSets;
        this.initialInterval = config.insyncPollInitial();
        this.maxInterval = config.insyncPollMax();
    }

    /**
     * Returns how many milliseconds after its submission the change was seen INSYNC.
     *
     * @throws ChangePendingException when {@code deadline} passed (or the thread was interrupted) first
     * @throws Route53Failure         when GetChange fails
     */
    public long awaitInsync(SubmittedChange change, Instant deadline) throws ChangePendingException {
        Duration interval = initialInterval;
        while (!recordSets.insync(change.changeId())) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new ChangePendingException(change.changeId(), millisSince(change));
            }
            try {
                Thread.sleep(min(interval, left).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChangePendingException(change.changeId(), millisSince(change));
            }
            interval = nextInterval(interval, maxInterval);
        }
        return millisSince(change);
    }

    /** The poll interval after {@code current}: doubled, at most {@code max}. */
    static Duration nextInterval(Duration current, Duration max) {
        return min(current.multipliedBy(2), max);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long millisSince(SubmittedChange change) {
        return (System.nanoTime() - change.submittedAtNanos()) / 1_000_000;
    }
}
