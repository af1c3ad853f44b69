package io.handoff.verify;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.JdbcLogin;
import io.handoff.common.cluster.JdbcLogout;
import io.handoff.common.sql.GtidSets;
import io.handoff.common.sql.GtidWaitResult;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One VERIFY connection to one cluster, as its administrative account, used by the verifying thread
 * only and closed at the end of the step. The session cannot write: every transaction in it is
 * {@code READ ONLY} (the server refuses any write), checks run in {@code REPEATABLE READ} snapshots,
 * and {@code time_zone='+00:00'} makes {@code TIMESTAMP}s read the same on both servers.
 */
final class VerifyConnection implements AutoCloseable {
    private final ClusterSpec cluster;
    private final SqlDialect dialect;
    private final Connection connection;

    private VerifyConnection(ClusterSpec cluster, SqlDialect dialect, Connection connection) {
        this.cluster = cluster;
        this.dialect = dialect;
        this.connection = connection;
    }

    static VerifyConnection open(ClusterSpec cluster, VerifyConfig config) throws SQLException {
        Connection opened = JdbcLogin.admin(cluster, config.connectTimeout(), config.networkTimeout());
        SqlDialect dialect;
        try {
            try (Statement session = opened.createStatement()) {
                // The dialect follows the server's version where the flavor leaves it open (an Aurora version's procedures).
                try (java.sql.ResultSet version = session.executeQuery(SqlDialect.of(cluster.flavor()).serverVersion().sql())) {
                    dialect = SqlDialect.of(cluster.flavor(), version.next() ? version.getString(1) : null);
                }
                session.execute("SET SESSION time_zone='+00:00'");
                session.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                session.execute("SET SESSION TRANSACTION READ ONLY");
            }
        } catch (SQLException e) {
            opened.close();
            throw e;
        }
        return new VerifyConnection(cluster, dialect, opened);
    }

    ClusterSpec cluster() {
        return cluster;
    }

    /** Starts a consistent snapshot: every read until {@link #endSnapshot()} sees the same data. */
    void beginSnapshot() throws SQLException {
        execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
    }

    /** Ends the snapshot (it wrote nothing). */
    void endSnapshot() throws SQLException {
        execute("ROLLBACK");
    }

    /**
     * The GTID position of the server's binlog. Read inside a snapshot it covers every transaction
     * the snapshot sees: a transaction is in the binlog before its commit becomes visible.
     */
    String position() throws SQLException {
        Optional<List<Object>> row = first(dialect.currentGtidPosition());
        return GtidSets.normalize(row.map(values -> values.get(0) == null ? "" : values.get(0).toString()).orElse(""));
    }

    /** Waits on the server (MASTER_GTID_WAIT / WAIT_FOR_EXECUTED_GTID_SET) until it applied {@code position}. */
    GtidWaitResult waitFor(String position, Duration timeout) throws SQLException {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        Object result = first(dialect.waitForGtid(position, seconds)).map(values -> values.get(0)).orElse(null);
        return dialect.interpretGtidWait(result instanceof Number number ? number
                : result == null ? null : Long.valueOf(result.toString()));
    }

    /** The rows of {@code statement}, each as its column values ({@code getObject}). */
    List<List<Object>> rows(SqlStatement statement) throws SQLException {
        try (PreparedStatement prepared = statement.prepare(connection); ResultSet rows = prepared.executeQuery()) {
            int width = rows.getMetaData().getColumnCount();
            List<List<Object>> all = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) {
                    row.add(rows.getObject(i));
                }
                all.add(row);
            }
            return all;
        }
    }

    /** The first row of {@code statement}, if any. */
    Optional<List<Object>> first(SqlStatement statement) throws SQLException {
        List<List<Object>> rows = rows(statement);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        JdbcLogout.quietly(connection);
    }
}
