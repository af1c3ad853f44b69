package io.handoff.monitor.support;

import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.mariadb.MariaDbServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** An application writing on the source in a background thread: one autocommit INSERT every few ms. */
public final class SourceWrites implements AutoCloseable {
    private final MariaDbServer server;
    private final DbAccount account;
    private final String table;
    private final AtomicLong written = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public SourceWrites(MariaDbServer server, DbAccount account, String table) {
        this.server = server;
        this.account = account;
        this.table = table;
        this.thread = new Thread(this::loop, "source-writes-" + table);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Rows acknowledged so far. */
    public long written() {
        return written.get();
    }

    private void loop() {
        long id = 0;
        while (running) {
            try (Connection connection = server.connect(account); Statement sql = connection.createStatement()) {
                while (running) {
                    id++;
                    sql.executeUpdate("INSERT INTO " + table + " (id, payload) VALUES (" + id + ", REPEAT('x', 48))");
                    written.incrementAndGet();
                    TimeUnit.MILLISECONDS.sleep(5); // pacing of the workload, not a wait for a condition
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
