package io.handoff.demo;

import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples {@code @@read_only} of the two servers in turn (source, target, source, ...) on a thread of
 * its own while a drill runs, and records every moment both were writable. Three consecutive samples
 * X, Y, X all writable are a violation whatever the flip did meanwhile: a flip makes B writable only
 * after A is fenced, and a rollback opens A only after B is fenced, so no correct sequence shows X
 * writable, then Y, then X again. (Two samples alone could straddle a correct transition.)
 *
 * <p>A sample that fails (the drill's KILL_CONNECTIONS ends the watch's session, a server busy) is
 * skipped and the connection opened again; it never counts as writable.
 */
final class WritableMastersWatch implements AutoCloseable {
    private final List<DatabaseServer> servers;
    private final DbAccount admin;
    private final Connection[] connections = new Connection[2];
    private final List<String> violations = new ArrayList<>();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private WritableMastersWatch(DatabaseServer source, DatabaseServer target, DbAccount admin) {
        this.servers = List.of(source, target);
        this.admin = admin;
        this.thread = new Thread(this::run, "writable-masters-watch");
        this.thread.setDaemon(true);
    }

    static WritableMastersWatch start(DatabaseServer source, DatabaseServer target, DbAccount admin) {
        WritableMastersWatch watch = new WritableMastersWatch(source, target, admin);
        watch.thread.start();
        return watch;
    }

    private void run() {
        Boolean[] last = new Boolean[3];
        int[] lastServer = new int[3];
        int next = 0;
        while (running) {
            Boolean writable = sample(next);
            last[0] = last[1];
            last[1] = last[2];
            last[2] = writable;
            lastServer[0] = lastServer[1];
            lastServer[1] = lastServer[2];
            lastServer[2] = next;
            if (Boolean.TRUE.equals(last[0]) && Boolean.TRUE.equals(last[1]) && Boolean.TRUE.equals(last[2])
                    && lastServer[0] == lastServer[2] && lastServer[0] != lastServer[1]) {
                synchronized (violations) {
                    violations.add(Instant.now() + ": " + servers.get(0).host() + " and " + servers.get(1).host()
                            + " both writable");
                }
            }
            next = 1 - next;
            pause();
        }
        for (int i = 0; i < connections.length; i++) {
            closeQuietly(i);
        }
    }

    /** {@code @@read_only = 0} of server {@code index}, or null when it could not be read. */
    private Boolean sample(int index) {
        try {
            if (connections[index] == null || connections[index].isClosed()) {
                connections[index] = servers.get(index).connect(admin);
            }
            try (Statement sql = connections[index].createStatement(); ResultSet row = sql.executeQuery("SELECT @@global.read_only")) {
                row.next();
                samples.incrementAndGet();
                return row.getInt(1) == 0;
            }
        } catch (SQLException e) {
            closeQuietly(index);
            return null;
        }
    }

    private void closeQuietly(int index) {
        if (connections[index] != null) {
            try {
                connections[index].close();
            } catch (SQLException ignored) {
                // the session is gone already
            }
            connections[index] = null;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moments both servers were writable, so far. */
    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** Samples read so far. */
    long samples() {
        return samples.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
