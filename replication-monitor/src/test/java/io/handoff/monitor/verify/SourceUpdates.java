package io.handoff.monitor.verify;

import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.mariadb.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application updating random rows of a table on the source in a background thread:
 * {@code UPDATE table SET column = column + 1 WHERE id = ?} for ids in [1, maxId], one every few ms.
 */
final class SourceUpdates implements AutoCloseable {
    private final MariaDbServer server;
    private final DbAccount account;
    private final String sql;
    private final long maxId;
    private final AtomicLong updated = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    SourceUpdates(MariaDbServer server, DbAccount account, String table, String column, long maxId) {
        this.server = server;
        this.account = account;
        this.sql = "UPDATE " + table + " SET " + column + " = " + column + " + 1 WHERE id = ?";
        this.maxId = maxId;
        this.thread = new Thread(this::loop, "source-updates-" + table);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    long updated() {
        return updated.get();
    }

    private void loop() {
        while (running) {
            try (Connection connection = server.connect(account); PreparedStatement update = connection.prepareStatement(sql)) {
                while (running) {
                    update.setLong(1, ThreadLocalRandom.current().nextLong(1, maxId + 1));
                    update.executeUpdate();
                    updated.incrementAndGet();
                    TimeUnit.MILLISECONDS.sleep(2); // pacing of the workload, not a wait for a condition
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
