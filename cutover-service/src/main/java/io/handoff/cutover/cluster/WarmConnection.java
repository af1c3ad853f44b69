package io.handoff.cutover.cluster;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.JdbcLogin;
import io.handoff.common.cluster.JdbcLogout;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import io.handoff.cutover.config.CutoverConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The one connection kept open to one cluster, as its administrative account. Leased to one thread
 * at a time ({@link #lease()}); validated with {@code isValid} at a lease and by the keep-warm
 * job, and reopened when broken, so that a flip step does not pay for connection setup.
 *
 * <p>Inside a fence ({@link ClusterConnections#trustingCleanLeases}), a lease within
 * {@code handoff.cutover.connections.validation-bypass} (500 ms by default) of the end of a lease of the same fence
 * whose statements all succeeded skips {@code isValid}, as HikariCP skips it for a connection used within its
 * {@code aliveBypassWindowMs} (also 500 ms): the steps of a fence lease the same two connections one after the
 * other, and a round trip to prove a connection that just answered is time inside the write-blocked window. The
 * first lease of a fence, a lease after a failed statement and every lease outside a fence validate.
 *
 * <p>The server's identity ({@link ClusterSession#serverIdentity()}) is read at most once per opened connection.
 *
 * <p>A lease for a step with a deadline ({@link ClusterConnections#withinDeadline}) bounds everything it waits for by the
 * time left: the validation, a reconnection's login, and every statement's silence on the socket (the connection's
 * network timeout is lowered to the time left, and raised again at the next lease). A hung server (SIGSTOP) then fails
 * the step at its deadline instead of after the full network timeout; a lease past the deadline fails at once.
 */
final class WarmConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WarmConnection.class);
    private static final SqlStatement CONNECTION_ID = PortableSql.connectionId();
    private static final SqlStatement VERSION = SqlStatement.of("SELECT VERSION()");
    /** A statement that changes nothing on the server (a session variable), for {@link #warmSqlPath}. */
    private static final SqlStatement WARM_UP = SqlStatement.of("SET @handoff_warm_up = 1");
    private static final SqlStatement MYSQL_IDENTITY = SqlStatement.of("SELECT @@GLOBAL.server_uuid");
    private static final SqlStatement MARIADB_IDENTITY = SqlStatement.of("SELECT CONCAT(@@GLOBAL.hostname, ':', @@GLOBAL.datadir)");

    private final ClusterSpec cluster;
    private final CutoverConfig.Connections settings;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private SqlDialect dialect;
    private String version;
    /** The server's identity, read on first demand for the open connection; null until then. */
    private String serverIdentity;
    /** {@code System.nanoTime()} at the end of the last lease whose statements all succeeded; 0 when none since opening. */
    private long cleanReleaseNanos;
    /** The network timeout the open connection has now. */
    private Duration currentNetworkTimeout;
    /** The open connection's server id, 0 while closed; read by other threads for kills to spare it. */
    private volatile long connectionId;

    WarmConnection(ClusterSpec cluster, CutoverConfig.Connections settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    /** {@code true} when this connection goes to the server at {@code other}'s host and port (whatever its registry name). */
    boolean reaches(ClusterSpec other) {
        return cluster.host().equalsIgnoreCase(other.host()) && cluster.port() == other.port();
    }

    /**
     * The connection, valid, until the returned session is closed; blocks while another thread holds
     * it. Re-entrant: the holding thread may lease it again (a failure report read while a step still
     * holds it); each session releases its own lease.
     */
    ClusterSession lease() throws SQLException {
        return lease(Long.MAX_VALUE, null);
    }

    /**
     * {@link #lease()}, without validating a connection whose last lease ended cleanly after {@code trustCleanSince}
     * ({@code System.nanoTime()}) and within the validation bypass, and with every wait bounded by {@code deadline}
     * (null: no deadline).
     *
     * @throws ClusterSqlException when the deadline has passed (SQL state {@value #DEADLINE_STATE}), or the connection is
     *                             broken and cannot be reopened in time
     */
    ClusterSession lease(long trustCleanSince, Instant deadline) throws SQLException {
        lock.lock();
        try {
            if (StepDeadline.passed(deadline)) {
                throw ClusterSqlException.of(cluster, "a statement of a step whose deadline " + deadline + " has passed",
                        List.of(), new SQLException("the step's deadline has passed", DEADLINE_STATE));
            }
            ensureOpen(trustCleanSince, deadline);
            Duration network = StepDeadline.cap(settings.networkTimeout(), deadline);
            if (!network.equals(currentNetworkTimeout)) {
                try {
                    connection.setNetworkTimeout(Runnable::run, Math.toIntExact(network.toMillis()));
                } catch (SQLException e) {
                    throw ClusterSqlException.of(cluster, "setting the network timeout to " + network, List.of(), e);
                }
                currentNetworkTimeout = network;
            }
            return new ClusterSession(cluster, dialect, connection, connectionId, network, this::released, cluster.user(),
                    this::identity, deadline);
        } catch (SQLException | RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    /** SQL state of a lease refused because its step's deadline passed (a timeout: the step may be tried again). */
    static final String DEADLINE_STATE = "HYT00";

    private void released(boolean clean) {
        cleanReleaseNanos = clean ? System.nanoTime() : 0;
        lock.unlock();
    }

    /**
     * {@code mysql:<@@server_uuid>} or, on MariaDB, {@code mariadb:<@@hostname>:<@@datadir>}; called by the session that
     * holds the lease.
     */
    private String identity(ClusterSession session) throws SQLException {
        if (serverIdentity == null) {
            boolean mariaDb = version.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
            String read = session.queryString(mariaDb ? MARIADB_IDENTITY : MYSQL_IDENTITY).filter(id -> !id.isBlank())
                    .orElse(null);
            serverIdentity = read == null ? null : (mariaDb ? "mariadb:" : "mysql:") + read;
        }
        return serverIdentity;
    }

    /**
     * Runs the reads a fence's steps make, and a session-variable SET, {@code rounds} times ({@link
     * CutoverConfig.Connections#warmUpRounds}): nothing on the server changes. A service flips a few times in its life;
     * without this its first flips ran the driver's code interpreted inside the window (the flip benchmark's first flips
     * took up to five times its later ones). A cluster that cannot be reached is left for its first lease.
     */
    void warmSqlPath(int rounds) {
        long start = System.nanoTime();
        try (ClusterSession session = lease()) {
            for (int i = 0; i < rounds; i++) {
                ClusterState.sessions(session);
                ClusterState.replica(session);
                ClusterState.readOnly(session);
                ClusterState.replicationStartPosition(session);
                session.execute(WARM_UP);
            }
            LOG.infof("%s: the fence's statements warmed up (%d rounds in %d ms)", cluster.name(), rounds,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            LOG.infof("%s: the fence's statements could not be warmed up (%s); its first flip runs them cold", cluster.name(),
                    e.getMessage());
        }
    }

    /** Validates (and reopens) the connection unless a step is using it. */
    void keepWarm() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            ensureOpen(Long.MAX_VALUE, null);
        } catch (SQLException e) {
            LOG.warnf("connection to %s is down and could not be reopened: %s", cluster.name(), e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen(long trustCleanSince, Instant deadline) throws SQLException {
        if (connection != null && (recentlyClean(trustCleanSince) || valid(deadline))) {
            return;
        }
        boolean reopening = connection != null;
        closeQuietly();
        Connection opened = open(deadline);
        String[] identity = identityOf(opened);
        dialect = SqlDialect.of(cluster.flavor(), identity[1]);
        version = identity[1];
        serverIdentity = null;
        cleanReleaseNanos = 0;
        currentNetworkTimeout = settings.networkTimeout();
        connection = opened;
        connectionId = Long.parseLong(identity[0]);
        LOG.infof("%s connection to %s (%s:%d as %s, session %d, %s)", reopening ? "reopened the" : "opened a", cluster.name(),
                cluster.host(), cluster.port(), cluster.user(), connectionId, identity[1]);
    }

    private boolean recentlyClean(long trustCleanSince) {
        return cleanReleaseNanos != 0 && cleanReleaseNanos - trustCleanSince > 0
                && System.nanoTime() - cleanReleaseNanos < settings.validationBypass().toNanos();
    }

    private boolean valid(Instant deadline) {
        Duration timeout = StepDeadline.cap(settings.validationTimeout(), deadline);
        try {
            return connection.isValid(Math.max(1, (int) timeout.toSeconds()));
        } catch (SQLException e) {
            return false;
        }
    }

    private Connection open(Instant deadline) throws SQLException {
        try {
            return JdbcLogin.admin(cluster, StepDeadline.cap(settings.connectTimeout(), deadline), settings.networkTimeout());
        } catch (SQLException e) {
            throw ClusterSqlException.connecting(cluster, e);
        }
    }

    /** The session id and the server's version string. */
    private String[] identityOf(Connection opened) throws SQLException {
        String[] identity = new String[2];
        SqlStatement[] queries = {CONNECTION_ID, VERSION};
        for (int i = 0; i < queries.length; i++) {
            try (Statement statement = opened.createStatement(); ResultSet row = statement.executeQuery(queries[i].sql())) {
                row.next();
                identity[i] = row.getString(1);
            } catch (SQLException e) {
                closeQuietly(opened);
                throw ClusterSqlException.of(cluster, queries[i].loggable(), List.of(), e);
            }
        }
        return identity;
    }

    /** The server's id of the open connection, 0 while it is closed. */
    long connectionId() {
        return connectionId;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }

    private void closeQuietly() {
        closeQuietly(connection);
        connection = null;
        connectionId = 0;
    }

    private static void closeQuietly(Connection toClose) {
        JdbcLogout.quietly(toClose).ifPresent(e -> LOG.debugf("closing a broken connection: %s", e.getMessage()));
    }
}
