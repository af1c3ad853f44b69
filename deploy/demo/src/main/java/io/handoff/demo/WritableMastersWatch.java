package io.handoff.demo;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writable-overlap watch: while a flip runs, one probe per server connects as an application would (the
 * stack's application account; through the RDS emulator's application endpoint when the flip fences with
 * security groups; connecting again whenever its session is gone, e.g. killed) and every
 * {@value #PERIOD_MS} ms attempts a write to a scratch table inside a transaction it rolls back, so it
 * leaves nothing behind (nothing reaches the binlog either). {@link #overlapMs()} is the time both servers
 * accepted the write.
 *
 * <p>How a server's writable time is counted: a run of consecutive accepted attempts, the first returning at
 * {@code r} and the last starting at {@code s}, shows the server writable over {@code [r, s]} (it accepted a
 * write before {@code r} and after {@code s}, and no attempt in between was refused); an isolated accepted
 * attempt adds nothing. The overlap is the
 * length of the intersection of the two servers' writable times, so it is never more than the time both
 * were really writable, and both writable for longer than two probe periods shows.
 *
 * <p>Threads: one per probe; the figures may be read from any thread, and are final after {@link #close()}.
 */
public final class WritableMastersWatch implements AutoCloseable {
    /** How often each probe attempts its write. */
    static final long PERIOD_MS = 10;
    /** The scratch table the probes write to (and roll back); created per server, never replicated. */
    static final String SCRATCH_TABLE = "handoff_probe.scratch";

    private final List<Probe> probes = new ArrayList<>();
    private volatile boolean running = true;

    /** One attempt: when it started and when its INSERT returned (or failed), and whether it was accepted. */
    record Attempt(long startNanos, long endNanos, boolean accepted) {
    }

    /** A window in which both servers were writable. */
    record Overlap(Instant from, long ms) {
    }

    private final class Probe implements Runnable {
        final String host;
        final String url;
        final DbAccount account;
        final List<Attempt> attempts = new ArrayList<>();
        final Thread thread;
        Connection connection;

        Probe(String host, String url, DbAccount account) {
            this.host = host;
            this.url = url;
            this.account = account;
            this.thread = new Thread(this, "writable-probe-" + host);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            while (running) {
                long start = System.nanoTime();
                boolean accepted = attempt();
                long end = System.nanoTime();
                synchronized (attempts) {
                    attempts.add(new Attempt(start, end, accepted));
                }
                next += PERIOD_MS * 1_000_000;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                } else {
                    next = System.nanoTime();
                }
            }
            drop();
        }

        /** One write, rolled back; true when the server accepted it. */
        private boolean attempt() {
            try {
                if (connection == null) {
                    connection = DriverManager.getConnection(url, account.user(), account.password());
                    connection.setAutoCommit(false);
                }
                try (Statement sql = connection.createStatement()) {
                    sql.executeUpdate("INSERT INTO " + SCRATCH_TABLE + " (probe) VALUES ('probe')");
                    return true;
                } finally {
                    connection.rollback();
                }
            } catch (SQLException e) {
                if (e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
                        || (e.getSQLState() != null && e.getSQLState().startsWith("08")) || closed()) {
                    drop();
                }
                return false;
            }
        }

        private boolean closed() {
            try {
                return connection == null || connection.isClosed();
            } catch (SQLException e) {
                return true;
            }
        }

        private void drop() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the session is gone already
                }
                connection = null;
            }
        }

        List<Attempt> attempts() {
            synchronized (attempts) {
                return List.copyOf(attempts);
            }
        }
    }

    private final long originNanos = System.nanoTime();
    private final Instant origin = Instant.now();

    private WritableMastersWatch() {
    }

    /**
     * Starts a probe on each of the stack's servers, connecting where {@code applications} reach it (through
     * the RDS emulator's application endpoint of the server's cluster when the flip fences with security
     * groups, else to the server's own address). The scratch table must exist ({@link #createScratchTable}).
     */
    static WritableMastersWatch start(LocalStack stack, ApplicationAddresses applications) {
        WritableMastersWatch watch = new WritableMastersWatch();
        for (DatabaseServer server : List.of(stack.source(), stack.target())) {
            String address = applications.of(server) + ":" + applications.port();
            String url = server.jdbcUrl().replace(server.host() + ":" + server.port(), address);
            url += (url.contains("?") ? "&" : "?") + "connectTimeout=1000&socketTimeout=3000";
            watch.probes.add(watch.new Probe(server.host(), url, stack.accounts().app()));
        }
        watch.probes.forEach(probe -> probe.thread.start());
        return watch;
    }

    /**
     * Creates the probes' scratch table on {@code server} unless it exists, as root with {@code sql_log_bin=0}
     * (per server, never replicated). A MySQL server's {@code super_read_only} is lifted for the statement and
     * put back ({@code read_only} stays on, so applications remain fenced meanwhile).
     */
    public static void createScratchTable(DatabaseServer server) {
        String create = "SET sql_log_bin=0;\nCREATE DATABASE IF NOT EXISTS handoff_probe;\n"
                + "CREATE TABLE IF NOT EXISTS " + SCRATCH_TABLE + " (probe VARCHAR(32) PRIMARY KEY) ENGINE=InnoDB;\n";
        server.runAsRoot(server.flavor().isMySql()
                ? "SET @handoff_sro = @@GLOBAL.super_read_only;\nSET GLOBAL super_read_only = 0;\n" + create
                        + "SET GLOBAL super_read_only = @handoff_sro;\n"
                : create);
    }

    /** Total time both servers accepted the probe write, in milliseconds. */
    public long overlapMs() {
        return overlaps().stream().mapToLong(Overlap::ms).sum();
    }

    /** Every window both servers accepted the probe write, in time order. */
    public List<Overlap> overlaps() {
        List<long[]> a = writable(probes.get(0).attempts());
        List<long[]> b = writable(probes.get(1).attempts());
        List<long[]> both = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            long from = Math.max(a.get(i)[0], b.get(j)[0]);
            long to = Math.min(a.get(i)[1], b.get(j)[1]);
            if (from < to) {
                both.add(new long[] {from, to});
            }
            if (a.get(i)[1] < b.get(j)[1]) {
                i++;
            } else {
                j++;
            }
        }
        return both.stream().map(w -> new Overlap(origin.plusNanos(w[0] - originNanos),
                Math.max(1, Duration.ofNanos(w[1] - w[0]).toMillis()))).toList();
    }

    /**
     * A server's writable time: for each run of consecutive accepted attempts {@code k..m} ({@code m > k}),
     * {@code [end of k, start of m]}: the server accepted a write before the first bound and after the second.
     */
    private static List<long[]> writable(List<Attempt> attempts) {
        List<long[]> intervals = new ArrayList<>();
        int k = 0;
        while (k < attempts.size()) {
            if (!attempts.get(k).accepted()) {
                k++;
                continue;
            }
            int m = k;
            while (m + 1 < attempts.size() && attempts.get(m + 1).accepted()) {
                m++;
            }
            if (m > k && attempts.get(k).endNanos() < attempts.get(m).startNanos()) {
                intervals.add(new long[] {attempts.get(k).endNanos(), attempts.get(m).startNanos()});
            }
            k = m + 1;
        }
        return intervals;
    }

    /** Attempts made so far, on both servers. */
    public long samples() {
        return probes.stream().mapToLong(probe -> probe.attempts().size()).sum();
    }

    /** Per server: attempts made and attempts accepted. */
    public Map<String, List<Long>> attemptsByServer() {
        Map<String, List<Long>> counts = new LinkedHashMap<>();
        for (Probe probe : probes) {
            List<Attempt> attempts = probe.attempts();
            counts.put(probe.host, List.of((long) attempts.size(), attempts.stream().filter(Attempt::accepted).count()));
        }
        return counts;
    }

    /** The windows both servers were writable, described (empty when none). */
    public List<String> violations() {
        return overlaps().stream().map(o -> o.from() + ": both servers accepted an application write for " + o.ms() + " ms")
                .toList();
    }

    /** Stops the probes; the figures stay readable. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Probe probe : probes) {
            probe.thread.join(5000);
        }
    }
}
