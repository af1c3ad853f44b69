package io.handoff.cutover.steps;

import io.handoff.common.sql.SqlStatement;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The global and rds-read-only strategies: the server's {@code read_only} switch, set with the dialect's
 * statements ({@code SET GLOBAL}, or Aurora's {@code mysql.rds_set_read_only}) only when it is not already
 * in the wanted position. Converging, so safe to repeat.
 */
final class ReadOnlySwitch {

    /**
     * @param alreadyApplied the switch was already in the wanted position; nothing was executed
     * @param confirmedAt    when the server confirmed the position: the SET returned, or the read that
     *                       found it in place
     */
    record Outcome(boolean alreadyApplied, Instant confirmedAt) {
    }

    private ReadOnlySwitch() {
    }

    /** Makes the server refuse ({@code true}) or accept application writes with {@code SET GLOBAL read_only}. */
    static Outcome converge(ClusterSession session, boolean readOnly) throws SQLException {
        return converge(session, readOnly, session.dialect()::setReadOnly);
    }

    /** Makes the server refuse ({@code true}) or accept application writes through {@code mysql.rds_set_read_only}. */
    static Outcome convergeThroughProcedure(ClusterSession session, boolean readOnly) throws SQLException {
        return converge(session, readOnly, session.dialect()::setReadOnlyThroughProcedure);
    }

    private static Outcome converge(ClusterSession session, boolean readOnly, Function<Boolean, List<SqlStatement>> switching)
            throws SQLException {
        // Built first: a flavor that cannot switch this way refuses before anything is read or changed.
        List<SqlStatement> statements = switching.apply(readOnly);
        if (ClusterState.readOnly(session) == readOnly) {
            return new Outcome(true, Instant.now());
        }
        session.executeAll(statements);
        return new Outcome(false, Instant.now());
    }
}
