package io.handoff.localstack.workload;

import io.handoff.common.cluster.JdbcLogout;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A test's application writing in the background: one write after the other on a daemon thread, each on the loop's
 * connection, which it opens when it has none and closes after any failure (a refused statement, a killed session, a
 * login that failed), so the next attempt logs in again. Every attempt, the failed ones included, has the next number
 * (1, 2, ...) and is reported with when it started and whether the server acknowledged it.
 *
 * <p>Threads: the opener, the write and the outcome run on the loop's thread only, in that order per attempt; the loop
 * ends at the next attempt after {@link #close()}, or when its thread is interrupted.
 */
public final class WriteLoop implements AutoCloseable {
    /** Opens the loop's connection; called on the loop's thread whenever it has none. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    /** The {@code attempt}-th write on {@code connection}; returning normally means the server acknowledged it. */
    @FunctionalInterface
    public interface Write {
        void write(Connection connection, long attempt) throws SQLException;
    }

    /** What became of the {@code attempt}-th write, sent at {@code startedAt}. */
    @FunctionalInterface
    public interface Outcome {
        void ended(long attempt, Instant startedAt, boolean acknowledged);
    }

    /**
     * How long the loop waits before its next attempt: the pacing of the application, not a wait for a condition.
     *
     * @param afterAcknowledged after a write the server acknowledged
     * @param afterFailure      after a failed one (its connection is closed by then)
     */
    public record Pacing(Duration afterAcknowledged, Duration afterFailure) {
    }

    private final Opener opener;
    private final Write write;
    private final Outcome outcome;
    private final Pacing pacing;
    private final Thread thread;
    private volatile boolean running = true;
    private Connection connection;

    private WriteLoop(String name, Opener opener, Write write, Outcome outcome, Pacing pacing) {
        this.opener = opener;
        this.write = write;
        this.outcome = outcome;
        this.pacing = pacing;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    /** Starts writing on a daemon thread called {@code name}. */
    public static WriteLoop start(String name, Opener opener, Write write, Outcome outcome, Pacing pacing) {
        WriteLoop loop = new WriteLoop(name, opener, write, outcome, pacing);
        loop.thread.start();
        return loop;
    }

    private void loop() {
        try {
            for (long attempt = 1; running; attempt++) {
                Instant startedAt = Instant.now();
                boolean acknowledged = attempt(attempt);
                outcome.ended(attempt, startedAt, acknowledged);
                TimeUnit.NANOSECONDS.sleep((acknowledged ? pacing.afterAcknowledged() : pacing.afterFailure()).toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
        }
    }

    private boolean attempt(long attempt) {
        try {
            if (connection == null || connection.isClosed()) {
                connection = opener.open();
            }
            write.write(connection, attempt);
            return true;
        } catch (SQLException refusedOrKilled) {
            closeConnection();
            return false;
        }
    }

    private void closeConnection() {
        JdbcLogout.quietly(connection); // a killed session: nothing to close
        connection = null;
    }

    /** Stops writing and waits (at most 10 s) for the thread to end, which closes its connection as it ends. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
