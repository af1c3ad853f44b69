package io.handoff.cutover.steps;

import java.sql.SQLException;
import java.util.Set;

/**
 * Whether another attempt may mend a failed statement. Retryable: the connection was lost or could
 * not be opened (SQL state class 08, client errors 2002/2003/2006/2013), the session was killed or the
 * server is shutting down (1927, 1053), too many connections (1040), lock wait timeout or deadlock
 * (1205, 1213, SQL state class 40). Everything else (a missing privilege, a refused statement, a
 * replication configuration error) is terminal: the same statement would fail the same way.
 */
final class SqlFailures {
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1040, 1053, 1205, 1213, 1927, 2002, 2003, 2006, 2013);

    private SqlFailures() {
    }

    static boolean retryable(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.startsWith("40") || TRANSIENT_CODES.contains(e.getErrorCode());
    }
}
