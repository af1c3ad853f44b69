package io.handoff.cutover.cluster;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Secret;
import io.handoff.common.sql.SqlStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A statement (or a connection attempt) failed on one cluster. The message names the cluster and the
 * statement as {@link SqlStatement#loggable()} shows it, followed by the driver's message with every
 * secret of the statement masked; the SQL state and vendor code are the driver's, so that the error
 * can still be classified. When the statement carries a secret the driver's exception is not kept as
 * cause: its message could show the secret.
 */
public final class ClusterSqlException extends SQLException {

    private static final long serialVersionUID = 1L;

    private ClusterSqlException(String message, SQLException driverError, boolean keepCause) {
        super(message, driverError.getSQLState(), driverError.getErrorCode(), keepCause ? driverError : null);
    }

    /** {@code statement} failed on {@code cluster}. */
    static ClusterSqlException of(ClusterSpec cluster, SqlStatement statement, SQLException driverError) {
        return of(cluster, statement.loggable(), statement.secrets(), driverError);
    }

    /** {@code what} (a statement or an operation, already without secrets) failed on {@code cluster}. */
    static ClusterSqlException of(ClusterSpec cluster, String what, List<Secret> secrets, SQLException driverError) {
        return new ClusterSqlException(what + " failed on " + cluster.name() + ": " + mask(describe(driverError), secrets),
                driverError, secrets.isEmpty());
    }

    /** Connecting to {@code cluster} failed; drivers never put the password in that message. */
    static ClusterSqlException connecting(ClusterSpec cluster, SQLException driverError) {
        return new ClusterSqlException("cannot connect to " + cluster.name() + " at " + cluster.host() + ":" + cluster.port()
                + " as " + cluster.user() + ": " + mask(describe(driverError), List.of(cluster.password())), driverError, false);
    }

    private static String describe(SQLException e) {
        return "[" + e.getSQLState() + "/" + e.getErrorCode() + "] " + e.getMessage();
    }

    private static String mask(String text, List<Secret> secrets) {
        String masked = text == null ? "" : text;
        for (Secret secret : secrets) {
            if (!secret.empty()) {
                masked = masked.replace(secret.reveal(), Secret.MASK);
            }
        }
        return masked;
    }
}
