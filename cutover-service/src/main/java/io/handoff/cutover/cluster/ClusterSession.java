package io.handoff.cutover.cluster;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The warm connection of one cluster, leased to one thread until {@link #close()}: runs the
 * dialect's statements in autocommit mode. Not thread-safe; the lease is what keeps the keep-warm
 * validation off a connection in use.
 *
 * <p>Every failure is a {@link ClusterSqlException} naming the cluster and the statement without its
 * secrets. Statements are logged (DEBUG) the same way, never with a password.
 */
public final class ClusterSession implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClusterSession.class);

    private final ClusterSpec cluster;
    private final SqlDialect dialect;
    private final Connection connection;
    private final long connectionId;
    private final Duration networkTimeout;
    private final Release release;
    private final String user;
    private final IdentitySource identity;
    /** The deadline of the step this session serves, or null: a server-side wait does not outlast it either. */
    private final Instant deadline;
    /** Set when a statement failed: the connection may be broken, so its next lease validates it. */
    private boolean failed;

    /** How a session gives its connection back: {@code clean} when no statement of it failed. */
    @FunctionalInterface
    interface Release {
        void released(boolean clean);
    }

    /** The identity of the server at the other end of the connection, read once per connection. */
    @FunctionalInterface
    interface IdentitySource {
        String read(ClusterSession session) throws SQLException;
    }

    ClusterSession(ClusterSpec cluster, SqlDialect dialect, Connection connection, long connectionId, Duration networkTimeout,
            Release release, String user, IdentitySource identity, Instant deadline) {
        this.cluster = cluster;
        this.dialect = dialect;
        this.connection = connection;
        this.connectionId = connectionId;
        this.networkTimeout = networkTimeout;
        this.release = release;
        this.user = user;
        this.identity = identity;
        this.deadline = deadline;
    }

    /**
     * The identity of the server this session talks to ({@link ServerIdentityReader}): read on the first call for the
     * connection and kept while it stays open, since a TCP connection stays with one server for its life.
     */
    public String serverIdentity() throws SQLException {
        return identity.read(this);
    }

    /** The account this session is logged in as: the cluster's administrative account, or a per-user kill account. */
    public String user() {
        return user;
    }

    /** The cluster this session talks to. */
    public ClusterSpec cluster() {
        return cluster;
    }

    /**
     * The cluster's dialect, the only source of SQL: chosen by the cluster's flavor and the server's
     * version string ({@link SqlDialect#of(io.handoff.common.cluster.ServerFlavor, String)}).
     */
    public SqlDialect dialect() {
        return dialect;
    }

    /** The server's id of this connection ({@code CONNECTION_ID()}), which session kills must spare. */
    public long connectionId() {
        return connectionId;
    }

    /** Runs one statement. */
    public void execute(SqlStatement statement) throws SQLException {
        run(statement, prepared -> {
            prepared.execute();
            return null;
        });
    }

    /** Runs statements in the given order, stopping at the first failure. */
    public void executeAll(List<SqlStatement> statements) throws SQLException {
        for (SqlStatement statement : statements) {
            execute(statement);
        }
    }

    /** Every row of a query, read by {@code reader}. */
    public <T> List<T> query(SqlStatement statement, RowReader<T> reader) throws SQLException {
        return run(statement, prepared -> {
            List<T> rows = new ArrayList<>();
            try (ResultSet result = prepared.executeQuery()) {
                while (result.next()) {
                    rows.add(reader.read(result));
                }
            }
            return rows;
        });
    }

    /** The first row of a query, if there is one. */
    public <T> Optional<T> queryFirst(SqlStatement statement, RowReader<T> reader) throws SQLException {
        return query(statement, reader).stream().findFirst();
    }

    /** The first column of the first row as text; empty when there is no row or the value is NULL. */
    public Optional<String> queryString(SqlStatement statement) throws SQLException {
        return queryFirst(statement, row -> Optional.ofNullable(row.getString(1))).flatMap(value -> value);
    }

    /** The first column of the first row as a number; {@code null} when NULL or no row. */
    public Number queryNumber(SqlStatement statement) throws SQLException {
        return queryFirst(statement, row -> {
            long value = row.getLong(1);
            return row.wasNull() ? null : (Number) value;
        }).orElse(null);
    }

    /**
     * Runs {@code call} with the socket allowed to stay silent for {@code timeout} (a server-side
     * wait), then restores the usual network timeout.
     */
    public <T> T withNetworkTimeout(Duration timeout, SqlCall<T> call) throws SQLException {
        setNetworkTimeout(StepDeadline.cap(timeout, deadline));
        try {
            return call.call();
        } finally {
            setNetworkTimeout(networkTimeout);
        }
    }

    private void setNetworkTimeout(Duration timeout) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, Math.toIntExact(timeout.toMillis()));
        } catch (SQLException e) {
            failed = true;
            throw ClusterSqlException.of(cluster, "setting the network timeout to " + timeout, List.of(), e);
        }
    }

    private <T> T run(SqlStatement statement, PreparedWork<T> work) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement prepared = statement.prepare(connection)) {
            T result = work.run(prepared);
            LOG.debugf("%s: %s (%d ms)", cluster.name(), statement.loggable(), (System.nanoTime() - start) / 1_000_000);
            return result;
        } catch (SQLException e) {
            failed = true;
            throw e instanceof ClusterSqlException ? e : ClusterSqlException.of(cluster, statement, e);
        }
    }

    /** Returns the connection to its cluster's pool of one; the connection stays open. */
    @Override
    public void close() {
        release.released(!failed);
    }

    @FunctionalInterface
    private interface PreparedWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }
}
