package io.handoff.localstack.workload;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The lost-writes check of docs/DESIGN.md's invariant 2: which acknowledged writes are missing or different on a
 * given server, by the rules of {@link WorkloadReconciliation} (an acknowledged INSERT's row absent, an
 * acknowledged UPDATE's value not there, an acknowledged DELETE's row back, an acknowledged transfer's row
 * missing). Read-only; runs on the caller's thread with the caller's connection (an account that may read the
 * schemas). The per-application figures, in-doubt commits and the transfers' invariant:
 * {@link WorkloadReconciliation#reconcile}.
 */
public final class AcknowledgedWritesCheck {
    private AcknowledgedWritesCheck() {
    }

    /** The ids (rows, transfers) of every acknowledged write of {@code report} lost on {@code connection}'s server, ascending. */
    public static List<Long> missing(Connection connection, WorkloadReport report) throws SQLException {
        return WorkloadReconciliation.lostIds(connection, report, attempt -> true);
    }

    /**
     * The same, for the writes sent to {@code acknowledgedBy} (a server address as in {@link Ack#server()}) only.
     */
    public static List<Long> missing(Connection connection, WorkloadReport report, String acknowledgedBy)
            throws SQLException {
        return WorkloadReconciliation.lostIds(connection, report, attempt -> attempt.server().equals(acknowledgedBy));
    }
}
