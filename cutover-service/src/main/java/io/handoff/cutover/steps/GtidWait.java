package io.handoff.cutover.steps;

import io.handoff.common.sql.GtidWaitResult;
import io.handoff.common.sql.SqlStatement;
import io.handoff.cutover.cluster.ClusterSession;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Waits on a replica until it has applied a GTID position, with the dialect's server-side wait
 * ({@code MASTER_GTID_WAIT}, {@code WAIT_FOR_EXECUTED_GTID_SET}): the server returns the moment the
 * position is applied, with no polling. The connection's network timeout is raised for the wait.
 */
final class GtidWait {
    /** Slack given to the socket beyond the server-side timeout. */
    private static final Duration SOCKET_SLACK = Duration.ofSeconds(10);

    /**
     * @param reached  the replica applied the position in time
     * @param waitedMs how long the wait took
     * @param timeout  the timeout given to the server, whole seconds
     */
    record Result(boolean reached, long waitedMs, Duration timeout) {
    }

    private GtidWait() {
    }

    /** Waits at most {@code timeout}, rounded up to whole seconds (the server functions take seconds). */
    static Result await(ClusterSession replica, String position, Duration timeout) throws SQLException {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        SqlStatement wait = replica.dialect().waitForGtid(position, seconds);
        long start = System.nanoTime();
        Number answer = replica.withNetworkTimeout(Duration.ofSeconds(seconds).plus(SOCKET_SLACK),
                () -> replica.queryNumber(wait));
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        boolean reached = replica.dialect().interpretGtidWait(answer) == GtidWaitResult.REACHED;
        return new Result(reached, waitedMs, Duration.ofSeconds(seconds));
    }
}
