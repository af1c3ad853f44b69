package io.handoff.monitor.support;

import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.workload.WriteLoop;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application writing on the source in a background thread: one autocommit statement every few ms,
 * reconnecting after an error. {@link #inserts} adds rows with growing ids, {@link #updates} bumps a
 * column of random existing rows.
 */
public final class SourceWrites implements AutoCloseable {
    private static final Duration AFTER_FAILURE = Duration.ofMillis(50);

    /** Binds the {@code n}-th write's parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement, long n) throws SQLException;
    }

    private final String sql;
    private final Binder binder;
    private final AtomicLong written = new AtomicLong();
    private final WriteLoop loop;

    private SourceWrites(DatabaseServer server, DbAccount account, String name, String sql, Binder binder, Duration pacing) {
        this.sql = sql;
        this.binder = binder;
        this.loop = WriteLoop.start("source-writes-" + name, () -> server.connect(account), this::write,
                (attempt, startedAt, acknowledged) -> {
                    if (acknowledged) {
                        written.incrementAndGet();
                    }
                }, new WriteLoop.Pacing(pacing, AFTER_FAILURE));
    }

    /** {@code INSERT INTO table (id, payload)} with ids 1, 2, ... every 5 ms. */
    public static SourceWrites inserts(DatabaseServer server, DbAccount account, String table) {
        return new SourceWrites(server, account, table, "INSERT INTO " + table + " (id, payload) VALUES (?, REPEAT('x', 48))",
                (statement, n) -> statement.setLong(1, n), Duration.ofMillis(5));
    }

    /** {@code UPDATE table SET column = column + 1 WHERE id = ?} for random ids in [1, maxId], every 2 ms. */
    public static SourceWrites updates(DatabaseServer server, DbAccount account, String table, String column, long maxId) {
        return new SourceWrites(server, account, table, "UPDATE " + table + " SET " + column + " = " + column + " + 1 WHERE id = ?",
                (statement, n) -> statement.setLong(1, ThreadLocalRandom.current().nextLong(1, maxId + 1)), Duration.ofMillis(2));
    }

    /** Statements acknowledged so far. */
    public long written() {
        return written.get();
    }

    /** The write after the {@link #written} acknowledged ones is the {@code n}-th, whatever attempts failed before it. */
    private void write(Connection connection, long attempt) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement, written.get() + 1);
            statement.executeUpdate();
        }
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
    }
}
