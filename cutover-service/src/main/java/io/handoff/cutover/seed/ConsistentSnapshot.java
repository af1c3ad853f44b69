package io.handoff.cutover.seed;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.JdbcLogin;
import io.handoff.common.cluster.JdbcLogout;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Several sessions on one server that read the same consistent snapshot, and the GTID position it is at: what
 * mydumper does. The server's commits are blocked for a moment ({@code FLUSH TABLES WITH READ LOCK}, which needs the
 * RELOAD privilege) while every session opens its snapshot ({@code START TRANSACTION WITH CONSISTENT SNAPSHOT}) and
 * the position is read, then released; the sessions then read without holding any lock but the snapshot's.
 *
 * <p>Each session reads values unconverted ({@code character_set_results = NULL}) and timestamps in UTC.
 */
final class ConsistentSnapshot implements AutoCloseable {
    private final List<Connection> readers;
    private final String position;
    private final long lockMillis;

    private ConsistentSnapshot(List<Connection> readers, String position, long lockMillis) {
        this.readers = List.copyOf(readers);
        this.position = position;
        this.lockMillis = lockMillis;
    }

    /**
     * Opens {@code count} sessions on {@code source} reading one snapshot.
     *
     * @param lockWait how long {@code FLUSH TABLES WITH READ LOCK} may wait for running statements (it blocks writes
     *                 while it waits): longer, and the seed fails rather than stall the source
     */
    static ConsistentSnapshot open(ClusterSpec source, DumpFormat format, int count, Duration connectTimeout,
            Duration networkTimeout, Duration lockWait) throws SQLException {
        List<Connection> readers = new ArrayList<>();
        try (Connection control = JdbcLogin.admin(source, connectTimeout, networkTimeout)) {
            for (int i = 0; i < count; i++) {
                Connection reader = JdbcLogin.admin(source, connectTimeout, networkTimeout);
                readers.add(reader);
                execute(reader, "SET SESSION time_zone = '+00:00'", "SET SESSION character_set_results = NULL",
                        "SET SESSION character_set_connection = utf8mb4",
                        "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            execute(control, "SET SESSION lock_wait_timeout = " + Math.max(1, lockWait.toSeconds()));
            long locked = System.nanoTime();
            execute(control, "FLUSH TABLES WITH READ LOCK");
            String position;
            try {
                for (Connection reader : readers) {
                    execute(reader, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                }
                try (Statement sql = control.createStatement(); ResultSet row = sql.executeQuery(format.positionQuery())) {
                    row.next();
                    position = format.normalisedPosition(row.getString(1));
                }
            } finally {
                execute(control, "UNLOCK TABLES");
            }
            return new ConsistentSnapshot(readers, position, (System.nanoTime() - locked) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            readers.forEach(JdbcLogout::quietly);
            throw e;
        }
    }

    /** The sessions, each in the snapshot; closed by {@link #close()}. */
    List<Connection> readers() {
        return readers;
    }

    /** The GTID position of the snapshot, normalised. */
    String position() {
        return position;
    }

    /** How long the source's commits were blocked to open the snapshot, milliseconds. */
    long lockMillis() {
        return lockMillis;
    }

    /** Ends the snapshot and closes every session. */
    @Override
    public void close() {
        readers.forEach(JdbcLogout::quietly);
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }
}
