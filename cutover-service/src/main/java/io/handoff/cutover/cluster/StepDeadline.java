package io.handoff.cutover.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * The deadline of the step a lease serves ({@link ClusterConnections#withinDeadline}): every wait of the lease (validation,
 * login, a statement's silence on the socket, a server-side wait) is capped by the time left until it.
 */
final class StepDeadline {
    private StepDeadline() {
    }

    /** {@code limit}, or the time left until {@code deadline} when that is shorter (at least 1 ms); {@code limit} without one. */
    static Duration cap(Duration limit, Instant deadline) {
        if (deadline == null) {
            return limit;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        Duration capped = left.compareTo(limit) < 0 ? left : limit;
        return capped.toMillis() < 1 ? Duration.ofMillis(1) : capped;
    }

    /** True when {@code deadline} is set and has passed. */
    static boolean passed(Instant deadline) {
        return deadline != null && !Instant.now().isBefore(deadline);
    }
}
