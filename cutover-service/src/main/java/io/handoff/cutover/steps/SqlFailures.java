package io.handoff.cutover.steps;

import java.sql.SQLException;
import java.util.Set;

/**
 * Whether another attempt may mend a failed statement. Retryable: the connection was lost or could
 * not be opened (SQL state class 08, client errors 2002/2003/2006/2013, and 2026: the client programs
 * report a connection cut under TLS, e.g. by a server restart, as "TLS connection was non-properly
 * terminated"; a TLS misconfiguration reports it too and then fails each attempt alike), the session was killed or the
 * server is shutting down (1927, 1053), too many connections (1040), lock wait timeout or deadlock
 * (1205, 1213, SQL state class 40). Everything else (a missing privilege, a refused statement, a
 * replication configuration error) is terminal: the same statement would fail the same way.
 */
final class SqlFailures {
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1040, 1053, 1205, 1213, 1927, 2002, 2003, 2006, 2013, 2026);

    private SqlFailures() {
    }

    /** ER_OPTION_PREVENTS_STATEMENT: read_only (or super_read_only) refuses the account's statement. */
    static boolean refusedByReadOnly(SQLException e) {
        return e.getErrorCode() == 1290;
    }

    static boolean retryable(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // 08: connection lost; 40: deadlock or rollback; HYT00: a timeout, such as the step's deadline reached.
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("HYT") || retryableCode(e.getErrorCode());
    }

    /** Whether a server or client error code (as a client program prints it) is one of the transient ones above. */
    static boolean retryableCode(int code) {
        return TRANSIENT_CODES.contains(code);
    }
}
