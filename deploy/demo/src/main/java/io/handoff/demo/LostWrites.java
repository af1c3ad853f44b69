package io.handoff.demo;

import io.handoff.localstack.workload.AcknowledgedWritesCheck;
import io.handoff.localstack.workload.WorkloadReconciliation;
import io.handoff.localstack.workload.WorkloadReport;
import java.sql.Connection;
import java.sql.SQLException;

/** The acknowledged writes missing on a flip's new master, each named on stderr with every attempt on its row. */
final class LostWrites {

    private LostWrites() {
    }

    /** How many acknowledged writes of {@code report} {@code master} lacks; when any, names them (so no rerun is needed). */
    static long count(Connection master, String masterHost, WorkloadReport report) throws SQLException {
        long lost = AcknowledgedWritesCheck.missing(master, report).size();
        if (lost > 0) {
            WorkloadReconciliation.reconcile(master, report).forEach((application, figures) -> figures.lost()
                    .forEach(write -> System.err.println("LOST WRITE of " + application + " on " + masterHost + ": " + write)));
        }
        return lost;
    }
}
