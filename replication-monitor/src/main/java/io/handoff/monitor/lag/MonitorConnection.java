package io.handoff.monitor.lag;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.JdbcLogin;
import io.handoff.common.cluster.JdbcLogout;
import io.handoff.common.sql.HeartbeatFence;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import io.handoff.monitor.config.MonitorConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One connection to one cluster as its administrative account, kept open between the runs of one
 * loop (writer or sampler) and used only by that loop's thread. A statement that fails drops it; the
 * next run opens it again, so a loop never pays for a handshake unless the connection broke.
 */
public final class MonitorConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MonitorConnection.class);

    private final ClusterSpec cluster;
    private final MonitorConfig.Connections settings;
    private volatile Connection connection;
    private volatile SqlDialect dialect;

    /** Reads the rows of one result set; runs on the connection's thread, before the result set closes. */
    @FunctionalInterface
    public interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    public MonitorConnection(ClusterSpec cluster, MonitorConfig.Connections settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    ClusterSpec cluster() {
        return cluster;
    }

    /**
     * The server's dialect: its flavor, and the version string the server reports for what the flavor leaves open
     * (which {@code mysql.rds_*} procedures an Aurora version has, an Aurora stand-in on MariaDB); read once, on the
     * first connection.
     */
    public SqlDialect dialect() throws SQLException {
        SqlDialect known = dialect;
        if (known == null) {
            String version = value(SqlDialect.of(cluster.flavor()).serverVersion());
            known = SqlDialect.of(cluster.flavor(), version);
            dialect = known;
        }
        return known;
    }

    /** What {@code reader} makes of the result of {@code statement}. */
    public <T> T query(SqlStatement statement, RowsReader<T> reader) throws SQLException {
        try (PreparedStatement prepared = prepare(statement); ResultSet rows = prepared.executeQuery()) {
            return reader.read(rows);
        } catch (SQLException e) {
            drop();
            throw e;
        }
    }

    /** The update count of {@code statement}. */
    int update(SqlStatement statement) throws SQLException {
        try (PreparedStatement prepared = prepare(statement)) {
            return prepared.executeUpdate();
        } catch (SQLException e) {
            drop();
            throw e;
        }
    }

    /**
     * The heartbeat of {@code planId} as one REPEATABLE READ transaction: {@link HeartbeatFence#lockMarker}
     * first, then {@code stamp} only when the plan's fence marker is absent. Returns {@code -1} when the
     * marker is there (nothing written, the transaction rolled back), else {@code stamp}'s update count.
     * See {@link HeartbeatFence} for why the order and the lock matter. The connection is back in
     * autocommit afterwards, or dropped when anything failed.
     */
    int stampUnlessFenced(String planId, SqlStatement stamp) throws SQLException {
        Connection current = open();
        try {
            current.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            current.setAutoCommit(false);
            int changed;
            try (PreparedStatement lock = HeartbeatFence.lockMarker(planId).prepare(current);
                    ResultSet rows = lock.executeQuery()) {
                changed = rows.next() && rows.getLong(1) > 0 ? -1 : 0;
            }
            if (changed == 0) {
                try (PreparedStatement prepared = prepare(stamp)) {
                    changed = prepared.executeUpdate();
                }
                current.commit();
            } else {
                current.rollback();
            }
            current.setAutoCommit(true);
            return changed;
        } catch (SQLException e) {
            drop();
            throw e;
        }
    }

    /** The first column of the first row, or {@code null} when there is no row. */
    public String value(SqlStatement statement) throws SQLException {
        try (PreparedStatement prepared = prepare(statement); ResultSet rows = prepared.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            drop();
            throw e;
        }
    }

    /**
     * Values of the first row, one per entry of {@code columns}: each entry lists the names the column
     * may have (flavors name them differently), the first present one is read. {@code null} where no
     * name matches or there is no row.
     */
    String[] row(SqlStatement statement, List<List<String>> columns) throws SQLException {
        try (PreparedStatement prepared = prepare(statement); ResultSet rows = prepared.executeQuery()) {
            String[] values = new String[columns.size()];
            if (!rows.next()) {
                return values;
            }
            for (int i = 0; i < columns.size(); i++) {
                for (String column : columns.get(i)) {
                    if (has(rows, column)) {
                        values[i] = rows.getString(column);
                        break;
                    }
                }
            }
            return values;
        } catch (SQLException e) {
            drop();
            throw e;
        }
    }

    private static boolean has(ResultSet rows, String column) throws SQLException {
        var meta = rows.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (column.equalsIgnoreCase(meta.getColumnLabel(i))) {
                return true;
            }
        }
        return false;
    }

    private PreparedStatement prepare(SqlStatement statement) throws SQLException {
        return statement.prepare(open());
    }

    private Connection open() throws SQLException {
        Connection current = connection;
        if (current != null) {
            return current;
        }
        Connection opened = JdbcLogin.admin(cluster, settings.connectTimeout(), settings.networkTimeout());
        try {
            try (Statement session = opened.createStatement()) {
                session.execute(HeartbeatTable.utcSession().sql());
            }
        } catch (SQLException e) {
            closeQuietly(opened);
            throw e;
        }
        LOG.debugf("opened a monitor connection to %s (%s:%d)", cluster.name(), cluster.host(), cluster.port());
        connection = opened;
        return opened;
    }

    /** Closes the connection; the next statement opens a new one. */
    void drop() {
        Connection current = connection;
        connection = null;
        closeQuietly(current);
    }

    @Override
    public void close() {
        drop();
    }

    private static void closeQuietly(Connection toClose) {
        JdbcLogout.quietly(toClose).ifPresent(e -> LOG.debugf("closing a broken connection: %s", e.getMessage()));
    }
}
