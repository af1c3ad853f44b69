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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Watches the source, while a {@link ParallelSeed}'s snapshot is open, for sessions waiting for a table's metadata lock.
 * The snapshot's sessions hold one on every table they have read until the seed ends, so DDL on such a table
 * ({@code ALTER TABLE}, {@code DROP TABLE}, {@code CREATE TRIGGER}, ...) waits for the whole seed, and every later
 * statement on that table queues behind it: for the applications, that table stops. Read once a second from
 * {@code information_schema.PROCESSLIST} (MySQL and MariaDB name the state alike; sessions of other accounts need the
 * PROCESS privilege to be seen), each waiting session is logged as a warning when first seen, with its account and what
 * to do, and the current ones are in the seed's progress ({@link #current}). Nothing is killed: whether the DDL or the
 * seed gives way is the operator's call. The statement's text is not read: it may hold literals that are secrets.
 */
final class MetadataLockWaits implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MetadataLockWaits.class);
    static final String WAITING = "Waiting for table metadata lock";
    private static final String QUERY = "SELECT ID, USER, HOST, TIME FROM information_schema.PROCESSLIST WHERE STATE = '"
            + WAITING + "' ORDER BY ID";

    /** A session waiting for a metadata lock: its id, account and seconds in that state so far. */
    record Waiter(long session, String user, String host, long seconds) {
        /** {@code session 42 (app@10.0.0.5:53422) 12 s}. */
        String text() {
            return "session " + session + " (" + user + "@" + host + ") " + seconds + " s";
        }
    }

    private final String sourceName;
    private final Connection probe;
    private final ScheduledExecutorService timer;
    private final Set<Long> told = new HashSet<>();
    private volatile List<Waiter> current = List.of();
    private volatile Runnable onChange = () -> { };

    private MetadataLockWaits(String sourceName, Connection probe) {
        this.sourceName = sourceName;
        this.probe = probe;
        this.timer = probe == null ? null
                : Executors.newSingleThreadScheduledExecutor(new SeedThreads("seed-metadata-lock-watch"));
    }

    /**
     * Starts watching {@code source} on a session of its own, checked every {@code every}; a source that cannot be watched
     * (the session fails) is logged, and the seed goes on unwatched.
     */
    static MetadataLockWaits watch(ClusterSpec source, Duration connectTimeout, Duration every) {
        Connection probe;
        try {
            probe = JdbcLogin.admin(source, connectTimeout, connectTimeout);
        } catch (SQLException e) {
            LOG.warnf("SEED from %s: no session to watch for DDL waiting on the seed's metadata locks (%s); the seed goes on"
                    + " without", source.name(), e.getMessage());
            return new MetadataLockWaits(source.name(), null);
        }
        MetadataLockWaits waits = new MetadataLockWaits(source.name(), probe);
        waits.timer.scheduleWithFixedDelay(waits::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return waits;
    }

    /** Called, from the watch's thread, each time the waiting sessions change (one comes or goes). */
    void onChange(Runnable onChange) {
        this.onChange = onChange;
    }

    /** The sessions waiting at the last check, as {@link Waiter#text()}; empty when none. */
    List<String> current() {
        return current.stream().map(Waiter::text).toList();
    }

    private void check() {
        List<Waiter> waiters;
        try {
            waiters = read(probe);
        } catch (SQLException e) {
            LOG.debugf("SEED from %s: reading the sessions waiting for metadata locks failed: %s", sourceName, e.getMessage());
            return;
        }
        Set<Long> before = new HashSet<>();
        current.forEach(waiter -> before.add(waiter.session()));
        Set<Long> now = new HashSet<>();
        for (Waiter waiter : waiters) {
            now.add(waiter.session());
            if (told.add(waiter.session())) {
                LOG.warnf("SEED from %s: %s waits for a table's metadata lock, most likely one the seed's snapshot holds on a"
                        + " table it has read (held until the seed ends): every later statement on that table waits behind"
                        + " it. End that session's statement (KILL QUERY %d) or cancel the seed; keep DDL off the seeded"
                        + " schemas while the seed runs", sourceName, waiter.text(), waiter.session());
            }
        }
        current = List.copyOf(waiters);
        if (!before.equals(now)) {
            if (now.isEmpty()) {
                LOG.infof("SEED from %s: no session waits for a metadata lock any more", sourceName);
            }
            onChange.run();
        }
    }

    static List<Waiter> read(Connection probe) throws SQLException {
        List<Waiter> waiters = new ArrayList<>();
        try (Statement sql = probe.createStatement(); ResultSet row = sql.executeQuery(QUERY)) {
            while (row.next()) {
                waiters.add(new Waiter(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4)));
            }
        }
        return waiters;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        JdbcLogout.quietly(probe);
    }
}
