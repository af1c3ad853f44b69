package io.handoff.common.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Ends a JDBC session that may be broken already (a killed session, a server that went away, a login whose
 * session set-up failed), one {@link JdbcLogin} opened or a test's own: closing it never fails the caller, who
 * is giving the session up anyway and whose server drops what the session held.
 */
public final class JdbcLogout {
    private JdbcLogout() {
    }

    /**
     * Closes {@code session}; {@code null} (no session open) is nothing to close.
     *
     * @return what the driver threw while closing, for the caller's log; empty when it closed cleanly
     */
    public static Optional<SQLException> quietly(Connection session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            session.close();
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e);
        }
    }
}
