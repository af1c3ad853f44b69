package io.handoff.monitor.support;

import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application writing on the source in a background thread: one autocommit statement every few ms,
 * reconnecting after an error. {@link #inserts} adds rows with growing ids, {@link #updates} bumps a
 * column of random existing rows.
 */
public final class SourceWrites implements AutoCloseable {
    /** Binds the {@code n}-th write's parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement, long n) throws SQLException;
    }

    private final DatabaseServer server;
    private final DbAccount account;
    private final String sql;
    private final Binder binder;
    private final long pacingMs;
    private final AtomicLong written = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private SourceWrites(DatabaseServer server, DbAccount account, String name, String sql, Binder binder, long pacingMs) {
        this.server = server;
        this.account = account;
        this.sql = sql;
        this.binder = binder;
        this.pacingMs = pacingMs;
        this.thread = new Thread(this::loop, "source-writes-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** {@code INSERT INTO table (id, payload)} with ids 1, 2, ... every 5 ms. */
    public static SourceWrites inserts(DatabaseServer server, DbAccount account, String table) {
        return new SourceWrites(server, account, table, "INSERT INTO " + table + " (id, payload) VALUES (?, REPEAT('x', 48))",
                (statement, n) -> statement.setLong(1, n), 5);
    }

    /** {@code UPDATE table SET column = column + 1 WHERE id = ?} for random ids in [1, maxId], every 2 ms. */
    public static SourceWrites updates(DatabaseServer server, DbAccount account, String table, String column, long maxId) {
        return new SourceWrites(server, account, table, "UPDATE " + table + " SET " + column + " = " + column + " + 1 WHERE id = ?",
                (statement, n) -> statement.setLong(1, ThreadLocalRandom.current().nextLong(1, maxId + 1)), 2);
    }

    /** Statements acknowledged so far. */
    public long written() {
        return written.get();
    }

    private void loop() {
        long n = 0;
        while (running) {
            try (Connection connection = server.connect(account); PreparedStatement statement = connection.prepareStatement(sql)) {
                while (running) {
                    binder.bind(statement, n + 1);
                    statement.executeUpdate();
                    n++;
                    written.incrementAndGet();
                    TimeUnit.MILLISECONDS.sleep(pacingMs); // pacing of the workload, not a wait for a condition
                }
            } catch (SQLException e) {
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
