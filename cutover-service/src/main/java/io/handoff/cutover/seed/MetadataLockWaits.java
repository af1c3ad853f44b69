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
 * to do, and the current ones are in the seed's progress ({@link #current}). Nothing is killed; once one has waited
 * long enough the seed may give way ({@link #onceWaitingLonger}). The statement's text is not read: it may hold
 * literals that are secrets.
 */
final class MetadataLockWaits implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MetadataLockWaits.class);
    static final String WAITING = "Waiting for table metadata lock";
    /** A session waiting for a metadata lock: its id, account, seconds in that state so far, and whether on a seeded schema. */
    record Waiter(long session, String user, String host, long seconds, boolean seeded) {
        /** {@code session 42 (app@10.0.0.5:53422) 12 s}. */
        String text() {
            return "session " + session + " (" + user + "@" + host + ") " + seconds + " s";
        }
    }

    private final String sourceName;
    private final List<String> schemas;
    private final Connection probe;
    private final ScheduledExecutorService timer;
    private final Set<Long> told = new HashSet<>();
    private volatile List<Waiter> current = List.of();
    private volatile Runnable onChange = () -> { };
    private volatile long longerThanSeconds = Long.MAX_VALUE;
    private volatile java.util.function.Consumer<List<Waiter>> onLongWait;

    private MetadataLockWaits(String sourceName, List<String> schemas, Connection probe) {
        this.sourceName = sourceName;
        this.schemas = List.copyOf(schemas);
        this.probe = probe;
        this.timer = probe == null ? null
                : Executors.newSingleThreadScheduledExecutor(new SeedThreads("seed-metadata-lock-watch"));
    }

    /**
     * Starts watching {@code source} on a session of its own, checked every {@code every}; a source that cannot be watched
     * (the session fails) is logged, and the seed goes on unwatched.
     */
    static MetadataLockWaits watch(ClusterSpec source, List<String> schemas, Duration connectTimeout, Duration every) {
        Connection probe;
        try {
            probe = JdbcLogin.admin(source, connectTimeout, connectTimeout);
        } catch (SQLException e) {
            LOG.warnf("SEED from %s: no session to watch for DDL waiting on the seed's metadata locks (%s); the seed goes on"
                    + " without", source.name(), e.getMessage());
            return new MetadataLockWaits(source.name(), schemas, null);
        }
        MetadataLockWaits waits = new MetadataLockWaits(source.name(), schemas, probe);
        waits.timer.scheduleWithFixedDelay(waits::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return waits;
    }

    /** Called, from the watch's thread, each time the waiting sessions change (one comes or goes). */
    void onChange(Runnable onChange) {
        this.onChange = onChange;
    }

    /**
     * Called once, from the watch's thread, with the sessions waiting at a check where one whose statement is on a seeded
     * schema (its default schema, or a schema its text names) has waited {@code after} or longer.
     */
    void onceWaitingLonger(Duration after, java.util.function.Consumer<List<Waiter>> action) {
        this.onLongWait = action;
        this.longerThanSeconds = Math.max(1, after.toSeconds());
    }

    /** The sessions waiting at the last check, as {@link Waiter#text()}; empty when none. */
    List<String> current() {
        return current.stream().map(Waiter::text).toList();
    }

    private void check() {
        List<Waiter> waiters;
        try {
            waiters = read(probe, schemas);
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
                        + " it. End that session's statement (KILL QUERY %d) or cancel the seed (a seed that keeps a ledger gives"
                        + " way to it once it has waited handoff.cutover.seed-yield-to-ddl-after); keep DDL off the seeded"
                        + " schemas while the seed runs", sourceName, waiter.text(), waiter.session());
            }
        }
        current = List.copyOf(waiters);
        java.util.function.Consumer<List<Waiter>> longWait = onLongWait;
        if (longWait != null && waiters.stream().anyMatch(waiter -> waiter.seeded() && waiter.seconds() >= longerThanSeconds)) {
            onLongWait = null;
            longWait.accept(current);
        }
        if (!before.equals(now)) {
            if (now.isEmpty()) {
                LOG.infof("SEED from %s: no session waits for a metadata lock any more", sourceName);
            }
            onChange.run();
        }
    }

    /**
     * Waits, once the seed has ended its snapshot for them, until the statements of {@code sessions} on {@code source}
     * have ended (each session idle or gone), reading them every quarter of a second and saying every 30 s what it
     * waits for; a session that still waits for a metadata lock 10 s after the snapshot ended waits for someone else's,
     * and is not waited for. Fails after {@code timeout}.
     */
    static void awaitEnded(ClusterSpec source, List<Long> sessions, Duration connectTimeout, Duration timeout)
            throws DumpPipe.DumpFailedException {
        String query = "SELECT ID, COMMAND, STATE, TIME FROM information_schema.PROCESSLIST WHERE ID IN ("
                + String.join(", ", sessions.stream().map(String::valueOf).toList()) + ") AND COMMAND <> 'Sleep'";
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long said = started;
        try (Connection probe = JdbcLogin.admin(source, connectTimeout, connectTimeout); Statement sql = probe.createStatement()) {
            while (true) {
                List<String> running = new ArrayList<>();
                boolean allWaitForLocks = true;
                try (ResultSet row = sql.executeQuery(query)) {
                    while (row.next()) {
                        running.add("session " + row.getLong(1) + " (" + row.getString(3) + ", " + row.getLong(4) + " s)");
                        allWaitForLocks &= WAITING.equals(row.getString(3));
                    }
                }
                long now = System.nanoTime();
                if (running.isEmpty()) {
                    LOG.infof("SEED from %s: the DDL it gave way to has ended, after %d ms", source.name(),
                            (now - started) / 1_000_000);
                    return;
                }
                if (allWaitForLocks && now - started > TimeUnit.SECONDS.toNanos(10)) {
                    LOG.warnf("SEED from %s: %s still wait(s) for a metadata lock 10 s after the seed's snapshot ended: another"
                            + " session holds it; the seed goes on", source.name(), String.join(", ", running));
                    return;
                }
                if (now > deadline) {
                    throw new DumpPipe.DumpFailedException("seeding from " + source.name() + ": the DDL the seed gave way to ("
                            + String.join(", ", running) + ") did not end within " + timeout, null);
                }
                if (now - said > TimeUnit.SECONDS.toNanos(30)) {
                    said = now;
                    LOG.infof("SEED from %s: waiting for %s to end before going on", source.name(), String.join(", ", running));
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        } catch (SQLException e) {
            throw new DumpPipe.DumpFailedException("seeding from " + source.name() + ": watching the DDL the seed gave way to"
                    + " failed: " + e.getMessage(), List.of(e.getErrorCode()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DumpPipe.DumpFailedException("seeding from " + source.name() + " was interrupted", e);
        }
    }

    /**
     * The sessions waiting for a metadata lock, each marked when its default schema is one of {@code schemas} or its
     * statement's text names one as a whole name ({@link #naming}; matched on the server: the text is not read here).
     */
    static List<Waiter> read(Connection probe, List<String> schemas) throws SQLException {
        String seeded = schemas.isEmpty() ? "FALSE" : "(DB " + SeedTables.in(schemas)
                + " OR " + String.join(" OR ", java.util.Collections.nCopies(schemas.size(), "INFO REGEXP ?")) + ")";
        List<Waiter> waiters = new ArrayList<>();
        try (java.sql.PreparedStatement sql = probe.prepareStatement("SELECT ID, USER, HOST, TIME, " + seeded
                + " FROM information_schema.PROCESSLIST WHERE STATE = '" + WAITING + "' ORDER BY ID")) {
            int at = 1;
            for (String schema : schemas) {
                sql.setString(at++, schema);
            }
            for (String schema : schemas) {
                sql.setString(at++, naming(schema));
            }
            try (ResultSet row = sql.executeQuery()) {
                while (row.next()) {
                    waiters.add(new Waiter(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getBoolean(5)));
                }
            }
        }
        return waiters;
    }

    /**
     * A regular expression, read alike by MySQL's (ICU) and MariaDB's (PCRE) {@code REGEXP}, that finds {@code schema} in a
     * statement's text as a whole name: {@code shop} in {@code `shop`.orders} or {@code shop.orders}, not in
     * {@code shop_archive.orders}, which a plain substring match took for a seeded schema (and the seed then gave way to
     * DDL that never waited for it). Every ASCII character of the name but a letter, digit or {@code _} is escaped.
     */
    static String naming(String schema) {
        StringBuilder pattern = new StringBuilder("(^|[^0-9A-Za-z_$])");
        schema.chars().forEach(c -> {
            if (c < 128 && !Character.isLetterOrDigit(c) && c != '_') {
                pattern.append('\\');
            }
            pattern.appendCodePoint(c);
        });
        return pattern.append("([^0-9A-Za-z_$]|$)").toString();
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
