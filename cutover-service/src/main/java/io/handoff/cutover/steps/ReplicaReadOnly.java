package io.handoff.cutover.steps;

import io.handoff.common.sql.SqlStatement;
import io.handoff.common.sql.StrategyNotSupportedException;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import java.sql.SQLException;
import java.util.List;

/**
 * A replica takes no application writes (issue 16, point 3): from START_REPLICATION until WRITABLE the target is
 * read-only by the server's own switch, whatever the flip's read-only strategy ({@code super_read_only} too where
 * the dialect sets it, {@code read_only} otherwise), so that an application that reaches it by mistake during the
 * prepare phase is refused instead of writing an errant transaction on a second writable server. Replication
 * threads and accounts with the privilege to bypass read-only (the administrative account) still write.
 *
 * <p>On Aurora MySQL 3.06+ the switch is {@code mysql.rds_set_read_only}. Where it cannot be set (an older Aurora;
 * an administrative
 * account without the privilege) {@link #keep} changes nothing and returns a warning for the step's
 * {@code warning} fact: the target then relies on the flip's strategy alone. Both methods converge.
 */
final class ReplicaReadOnly {

    /**
     * What {@link #keep} found or did.
     *
     * @param switchedOn the switch was off and {@link #keep} switched it on
     * @param readOnly   the switch is on afterwards
     * @param warning    why it could not be set, and what fences the replica instead; null when it is on
     */
    record Held(boolean switchedOn, boolean readOnly, String warning) {
        /** As START_REPLICATION and REVERSE_REPLICATION report it. */
        CutoverFacts.ReplicaHold facts() {
            return new CutoverFacts.ReplicaHold(readOnly, warning);
        }
    }

    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: the account may not set the variable. */
    private static final int ACCESS_DENIED = 1227;

    private ReplicaReadOnly() {
    }

    /** Switches the server's read-only on unless it is; says whether it is on afterwards, and why not. */
    static Held keep(ClusterSession session) throws SQLException {
        List<SqlStatement> statements;
        try {
            statements = readOnlySwitch(session.dialect(), true);
        } catch (StrategyNotSupportedException e) {
            return skipped(session, e.getMessage());
        }
        if (ClusterState.readOnly(session)) {
            return new Held(false, true, null);
        }
        try {
            session.executeAll(statements);
            return new Held(true, true, null);
        } catch (SQLException e) {
            if (e.getErrorCode() != ACCESS_DENIED) {
                throw e;
            }
            return skipped(session, "[" + e.getErrorCode() + "] " + e.getMessage());
        }
    }

    /**
     * Switches the server's read-only off when it is on (the new master becoming writable under a strategy other
     * than {@code global}, which lifts it itself). Returns {@code true} when it had to.
     *
     * @throws StrategyNotSupportedException when it is on and the dialect cannot switch it (terminal for the step)
     */
    static boolean lift(ClusterSession session) throws SQLException {
        if (!ClusterState.readOnly(session)) {
            return false;
        }
        session.executeAll(readOnlySwitch(session.dialect(), false));
        return true;
    }

    /**
     * The server's own switch: {@code SET GLOBAL read_only} where the dialect may set it, else Aurora 3.06+'s
     * {@code mysql.rds_set_read_only}, which its master user may call.
     *
     * @throws StrategyNotSupportedException where the server has neither
     */
    private static List<SqlStatement> readOnlySwitch(io.handoff.common.sql.SqlDialect dialect, boolean on) {
        // The same choice as the 'auto' strategy: one place decides what "the server's own switch" is.
        return FlipStrategies.ReadOnly.AUTO.on(dialect) == FlipStrategies.ReadOnly.RDS_READ_ONLY
                ? dialect.setReadOnlyThroughProcedure(on) : dialect.setReadOnly(on);
    }


    private static Held skipped(ClusterSession session, String why) {
        return new Held(false, false, session.cluster().name() + " was left writable while it replicates (read-only"
                + " could not be set: " + why + "); only the flip's read-only strategy fences it");
    }
}
