package io.handoff.common.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Opens a JDBC session on a cluster as one of its accounts: auto-commit, bounded connect time and,
 * when given, a network timeout on every later call. The password goes to the driver only; the
 * driver's message for a refused login names the account, never its password.
 *
 * <p>Every session introduces itself with the connection attribute {@code program_name=}{@value #PROGRAM_NAME}, which
 * the server shows in {@code performance_schema.session_connect_attrs} (MySQL, Aurora; MariaDB with
 * performance_schema on), so that a flip's kill can tell handoff's own sessions from the administrators'.
 */
public final class JdbcLogin {
    /** The {@code program_name} connection attribute of every session handoff opens. */
    public static final String PROGRAM_NAME = "handoff";

    private JdbcLogin() {
    }

    /** A session as the cluster's administrative account. */
    public static Connection admin(ClusterSpec cluster, Duration connectTimeout, Duration networkTimeout) throws SQLException {
        return as(cluster, new Credentials(cluster.user(), cluster.password()), connectTimeout, networkTimeout);
    }

    /**
     * A session as the cluster's administrative account, with {@code driverProperties} given to the driver besides its
     * usual ones (which they cannot replace): for the one kind of session that needs a driver feature no other session
     * may have, decided when it logs in (the parallel seed's writers announce {@code LOAD DATA LOCAL INFILE} with
     * Connector/J's {@code allowLoadLocalInfile}).
     */
    public static Connection admin(ClusterSpec cluster, Duration connectTimeout, Duration networkTimeout,
            Map<String, String> driverProperties) throws SQLException {
        return open(cluster, new Credentials(cluster.user(), cluster.password()), connectTimeout, networkTimeout,
                driverProperties);
    }

    /**
     * A session as {@code account}.
     *
     * @param networkTimeout how long any later call may wait for the server; {@code null}: without limit
     */
    public static Connection as(ClusterSpec cluster, Credentials account, Duration connectTimeout, Duration networkTimeout)
            throws SQLException {
        return open(cluster, account, connectTimeout, networkTimeout, Map.of());
    }

    private static Connection open(ClusterSpec cluster, Credentials account, Duration connectTimeout, Duration networkTimeout,
            Map<String, String> driverProperties) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(driverProperties);
        properties.setProperty("user", account.user());
        properties.setProperty("password", account.password().reveal());
        properties.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
        // The login's own reads (the server's greeting, authentication) wait no longer than the connect timeout either:
        // Connector/J's connectTimeout covers the TCP connect only, and a hung server (SIGSTOP) accepts the TCP
        // connection in its kernel and then never greets. The network timeout below replaces it once logged in.
        properties.setProperty("socketTimeout", Long.toString(connectTimeout.toMillis()));
        // Both drivers take key:value pairs here (Connector/J and MariaDB Connector/J 3).
        properties.setProperty("connectionAttributes", "program_name:" + PROGRAM_NAME);
        Connection opened = DriverManager.getConnection(cluster.jdbcUrl(), properties);
        try {
            opened.setAutoCommit(true);
            opened.setNetworkTimeout(Runnable::run, networkTimeout == null ? 0 : Math.toIntExact(networkTimeout.toMillis()));
            return opened;
        } catch (SQLException e) {
            opened.close();
            throw e;
        }
    }
}
