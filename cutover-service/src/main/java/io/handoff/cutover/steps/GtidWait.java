package io.handoff.cutover.steps;

import io.handoff.common.sql.GtidWaitResult;
import io.handoff.common.sql.SqlStatement;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.cluster.ReplicaState;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits on a replica until it has applied a GTID position, with the dialect's server-side wait
 * ({@code MASTER_GTID_WAIT}, {@code WAIT_FOR_EXECUTED_GTID_SET}): the server returns the moment the
 * position is applied, with no polling. The connection's network timeout is raised for the wait.
 *
 * <p>A replica whose applier stopped on an error never reaches the position: the wait is made in {@link #SLICE}s, and
 * between two the replica's state is read; an applier stopped on an error ends the wait at once
 * ({@link Result#applierError()}), instead of holding the caller (and the applications' writes) for the whole timeout.
 * A replica that is caught up pays nothing for the slicing: the first server-side wait returns at once.
 */
final class GtidWait {
    /** How long one server-side wait lasts before the applier is checked for an error. */
    static final Duration SLICE = Duration.ofSeconds(1);
    /** Slack given to the socket beyond the server-side timeout. */
    private static final Duration SOCKET_SLACK = Duration.ofSeconds(10);

    /**
     * @param reached      the replica applied the position in time
     * @param waitedMs     how long the wait took
     * @param timeout      the timeout asked for, whole seconds
     * @param applierError the error the replica's applier stopped on, which ended the wait early; null when none did
     */
    record Result(boolean reached, long waitedMs, Duration timeout, String applierError) {
        /** The wait ended because the replica's applier stopped on an error. */
        boolean applierFailed() {
            return applierError != null;
        }
    }

    private GtidWait() {
    }

    /** Waits at most {@code timeout}, rounded up to whole seconds (the server functions take seconds). */
    static Result await(ClusterSession replica, String position, Duration timeout) throws SQLException {
        Duration whole = Duration.ofSeconds(Math.max(1, (timeout.toMillis() + 999) / 1000));
        long start = System.nanoTime();
        long deadline = start + whole.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            boolean reached = once(replica, position, left.compareTo(SLICE) < 0 ? left : SLICE);
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            if (reached || System.nanoTime() - deadline >= 0) {
                return new Result(reached, waitedMs, whole, null);
            }
            Optional<ReplicaState> state = ClusterState.replica(replica);
            if (state.isPresent() && state.get().applierFailed()) {
                return new Result(false, waitedMs, whole, state.get().applierError());
            }
        }
    }

    /** One server-side wait of {@code slice}, rounded up to whole seconds; whether the position was applied. */
    private static boolean once(ClusterSession replica, String position, Duration slice) throws SQLException {
        long seconds = Math.max(1, (slice.toMillis() + 999) / 1000);
        SqlStatement wait = replica.dialect().waitForGtid(position, seconds);
        Number answer = replica.withNetworkTimeout(Duration.ofSeconds(seconds).plus(SOCKET_SLACK),
                () -> replica.queryNumber(wait));
        return replica.dialect().interpretGtidWait(answer) == GtidWaitResult.REACHED;
    }
}
