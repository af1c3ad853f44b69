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
import org.jboss.logging.Logger;

/**
 * Several sessions on one server that read the same consistent snapshot, and the GTID position it is at: what
 * mydumper does. The server's commits are blocked for a moment ({@code FLUSH TABLES WITH READ LOCK}, which needs the
 * RELOAD privilege) while every session opens its snapshot ({@code START TRANSACTION WITH CONSISTENT SNAPSHOT}) and
 * the position is read, then released; the sessions then read without holding any lock but the snapshot's.
 *
 * <p>That lock blocks every write on the server for as long as it waits for statements under way, so it is asked for
 * only once none has been running a second or longer ({@link QuietMoment}, for up to {@value #QUIET_WAIT_SECONDS} s),
 * and may wait for one that began meanwhile {@code lockWait} at most: then it is released and asked for again, up to
 * {@value #ATTEMPTS} times, so that the applications' writes go on between the attempts.
 *
 * <p>Each session reads values unconverted ({@code character_set_results = NULL}) and timestamps in UTC.
 */
final class ConsistentSnapshot implements AutoCloseable {
    /** Times the lock is asked for at most. */
    static final int ATTEMPTS = 5;
    /** How long each attempt first waits for the statements running a second or longer to end. */
    static final int QUIET_WAIT_SECONDS = 60;
    /** The server's error when the lock was not had within {@code lock_wait_timeout}. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final Logger LOG = Logger.getLogger(ConsistentSnapshot.class);
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
     * @param lockWait how long one {@code FLUSH TABLES WITH READ LOCK} may wait for running statements (it blocks writes
     *                 while it waits): longer, and it is released and asked for again once the source is quiet, up to
     *                 {@value #ATTEMPTS} times; then the seed fails rather than stall the source
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
            long locked = lock(control, source.name(), lockWait);
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

    /**
     * Takes {@code FLUSH TABLES WITH READ LOCK} on {@code control} once the source is quiet ({@link QuietMoment}), asking
     * again when it waited {@code lockWait} in vain; returns when it was asked for (its {@link System#nanoTime()}).
     */
    private static long lock(Connection control, String source, Duration lockWait) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            List<String> running = QuietMoment.await(control, source, Duration.ofSeconds(QUIET_WAIT_SECONDS));
            long asked = System.nanoTime();
            try {
                execute(control, "FLUSH TABLES WITH READ LOCK");
                return asked;
            } catch (SQLException e) {
                if (e.getErrorCode() != LOCK_WAIT_TIMEOUT) {
                    throw e;
                }
                String waitedFor = running.isEmpty() ? "a statement that began just before it"
                        : String.join(", ", running) + " (still running after " + QUIET_WAIT_SECONDS + " s)";
                if (attempt >= ATTEMPTS) {
                    throw new SQLException("FLUSH TABLES WITH READ LOCK waited " + lockWait.toSeconds() + " s in vain " + attempt
                            + " times (last for " + waitedFor + ", blocking writes on " + source + " meanwhile); end the"
                            + " statements that run long on " + source + ", or seed when they are done", e.getSQLState(),
                            e.getErrorCode(), e);
                }
                LOG.warnf("SEED from %s: FLUSH TABLES WITH READ LOCK waited %d s for %s, blocking writes meanwhile; released,"
                        + " it is asked for again once no statement has been running a second or longer (attempt %d of %d)",
                        source, lockWait.toSeconds(), waitedFor, attempt + 1, ATTEMPTS);
            }
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
