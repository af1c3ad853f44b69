package io.handoff.cutover.seed;

import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Bounds what a {@link ParallelSeed} takes from its source, as gh-ost and Ghostferry throttle: at most
 * {@code maxRowsPerSecond} rows a second over all workers (0: no limit), and no new chunk while the source's
 * {@code Threads_running} is above {@code maxThreadsRunning} (0: never checked), read at most once a second. Workers
 * call {@link #rowsWritten} after each INSERT and {@link #beforeChunk} before each chunk; both wait as long as needed.
 */
final class SeedPace {
    private static final Logger LOG = Logger.getLogger(SeedPace.class);
    private static final long LOAD_CHECK_EVERY_NANOS = 1_000_000_000L;

    /** Waits; a seam for tests. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    /** Reads the source's {@code Threads_running}; a seam for tests. */
    interface LoadProbe {
        long threadsRunning() throws java.sql.SQLException;
    }

    private final long maxRowsPerSecond;
    private final long maxThreadsRunning;
    private final LoadProbe load;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final long startedNanos;
    private long rows;
    private long loadCheckedNanos = Long.MIN_VALUE;
    private long pausedForLoadNanos;

    SeedPace(long maxRowsPerSecond, long maxThreadsRunning, LoadProbe load, LongSupplier nanoTime, Sleeper sleeper) {
        this.maxRowsPerSecond = maxRowsPerSecond;
        this.maxThreadsRunning = maxThreadsRunning;
        this.load = load;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.startedNanos = nanoTime.getAsLong();
    }

    /** No limit at all. */
    static SeedPace unbounded() {
        return new SeedPace(0, 0, () -> 0, System::nanoTime, nanos -> { });
    }

    /** After an INSERT of {@code written} rows: waits until the rows so far fit the rate. */
    void rowsWritten(long written) throws InterruptedException {
        if (maxRowsPerSecond <= 0) {
            return;
        }
        long due;
        synchronized (this) {
            rows += written;
            due = startedNanos + rows * 1_000_000_000L / maxRowsPerSecond;
        }
        long wait = due - nanoTime.getAsLong();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** Before a chunk: waits while the source is busier than allowed. */
    void beforeChunk() throws InterruptedException, java.sql.SQLException {
        if (maxThreadsRunning <= 0) {
            return;
        }
        while (true) {
            long running;
            synchronized (this) {
                long now = nanoTime.getAsLong();
                if (loadCheckedNanos != Long.MIN_VALUE && now - loadCheckedNanos < LOAD_CHECK_EVERY_NANOS
                        && pausedForLoadNanos == 0) {
                    return;
                }
                running = load.threadsRunning();
                loadCheckedNanos = now;
                if (running <= maxThreadsRunning) {
                    if (pausedForLoadNanos != 0) {
                        LOG.infof("SEED resumes: the source's Threads_running is %d (at most %d), after %d ms paused", running,
                                maxThreadsRunning, (now - pausedForLoadNanos) / 1_000_000);
                        pausedForLoadNanos = 0;
                    }
                    return;
                }
                if (pausedForLoadNanos == 0) {
                    pausedForLoadNanos = now;
                    LOG.infof("SEED pauses: the source's Threads_running is %d, above %d", running, maxThreadsRunning);
                }
            }
            sleeper.sleepNanos(LOAD_CHECK_EVERY_NANOS);
        }
    }

    /** Rows counted so far (by {@link #rowsWritten}). */
    synchronized long rows() {
        return rows;
    }
}
