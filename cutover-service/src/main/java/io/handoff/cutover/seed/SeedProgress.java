package io.handoff.cutover.seed;

import io.handoff.common.step.CutoverFacts;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Counts what a {@link ParallelSeed} copied, from every worker, and logs and reports it (as a step's progress facts) at
 * most every {@code every} milliseconds: rows and bytes so far, per table and in all, rows/s and, from the servers' row
 * estimates, the share done and the time left.
 */
final class SeedProgress {
    private static final Logger LOG = Logger.getLogger(SeedProgress.class);
    private final String what;
    private final long estimatedRows;
    private final long everyMillis;
    private final long chunksTotal;
    private final Consumer<CutoverFacts.SeedProgress> listener;
    private final Supplier<List<String>> lockWaits;
    private final Map<String, AtomicLong> byTable = new ConcurrentHashMap<>();
    private final long startedNanos = System.nanoTime();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong chunks = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong recopied = new AtomicLong();
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime());

    /**
     * @param tables      the tables copied, whose estimates make the share done and the time left
     * @param chunksTotal the chunks to copy or check
     * @param everyMillis how often progress is logged and reported
     * @param listener    told the {@linkplain #facts() progress} every {@code everyMillis}, from a worker's thread, and
     *                    at once from the watch's thread when the sessions waiting for a metadata lock change
     * @param lockWaits   the sessions on the source waiting for a metadata lock now ({@link MetadataLockWaits#current})
     */
    SeedProgress(String what, List<SeedTable> tables, long chunksTotal, long everyMillis, Consumer<CutoverFacts.SeedProgress> listener,
            Supplier<List<String>> lockWaits) {
        this.what = what;
        this.lockWaits = lockWaits;
        this.estimatedRows = tables.stream().mapToLong(SeedTable::estimatedRows).sum();
        this.chunksTotal = chunksTotal;
        this.everyMillis = everyMillis;
        this.listener = listener;
        tables.forEach(table -> byTable.put(table.toString(), new AtomicLong()));
    }

    void chunkDone(Chunk chunk, ChunkCopy.Copied copied) {
        rows.addAndGet(copied.rows());
        bytes.addAndGet(copied.bytes());
        byTable.computeIfAbsent(chunk.table().toString(), table -> new AtomicLong()).addAndGet(copied.rows());
        chunks.incrementAndGet();
        maybeReport();
    }

    private void maybeReport() {
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        if ((now - last) / 1_000_000 >= everyMillis && lastLogNanos.compareAndSet(last, now)) {
            report();
        }
    }

    /** Logs and reports the progress now, whenever the last report was. */
    void reportNow() {
        lastLogNanos.set(System.nanoTime());
        report();
    }

    private void report() {
        LOG.info(line());
        try {
            listener.accept(facts());
        } catch (RuntimeException e) {
            LOG.warnf("the seed's progress could not be reported (%s); the seed goes on", e.toString());
        }
    }

    /** The progress as SEED's PROGRESS events report it. */
    CutoverFacts.SeedProgress facts() {
        long done = rows.get();
        long rate = rowsPerSecond();
        Map<String, Long> tables = new TreeMap<>();
        byTable.forEach((table, copied) -> tables.put(table, copied.get()));
        List<String> waiting = lockWaits.get();
        return new CutoverFacts.SeedProgress(done, bytes.get(), rate, estimatedRows,
                estimatedRows > 0 ? Math.min(100, done * 100 / estimatedRows) : null,
                estimatedRows > done && rate > 0 ? (estimatedRows - done) / rate : null,
                chunks.get() + kept.get(), chunksTotal, tables, waiting.isEmpty() ? null : waiting);
    }

    /** A chunk an earlier attempt copied, found unchanged: not copied again. */
    void chunkKept() {
        kept.incrementAndGet();
        maybeReport();
    }

    /** A chunk an earlier attempt copied, found changed since and copied again. */
    void chunkRecopied(Chunk chunk, ChunkCopy.Copied copied) {
        recopied.incrementAndGet();
        chunkDone(chunk, copied);
    }

    long chunksKept() {
        return kept.get();
    }

    long chunksRecopied() {
        return recopied.get();
    }

    long rows() {
        return rows.get();
    }

    long bytes() {
        return bytes.get();
    }

    long chunks() {
        return chunks.get();
    }

    long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Rows per second so far. */
    long rowsPerSecond() {
        return rows.get() * 1000 / Math.max(1, elapsedMillis());
    }

    /** One line on the finished copy. */
    String summary() {
        return rows.get() + " rows, " + bytes.get() / (1 << 20) + " MiB, " + chunks.get() + " chunks in " + elapsedMillis() + " ms, "
                + rowsPerSecond() + " rows/s" + (kept.get() + recopied.get() == 0 ? ""
                : "; resumed: " + kept.get() + " chunks of the earlier attempt kept, " + recopied.get() + " changed since and copied again");
    }

    /** One line on the copy so far. */
    String line() {
        long done = rows.get();
        long rate = rowsPerSecond();
        StringBuilder line = new StringBuilder(what).append(": ").append(done).append(" rows");
        if (estimatedRows > 0) {
            line.append(" of about ").append(estimatedRows).append(" (").append(Math.min(100, done * 100 / estimatedRows)).append(" %)");
        }
        line.append(", ").append(bytes.get() / (1 << 20)).append(" MiB, ").append(chunks.get()).append(" chunks, ").append(rate)
                .append(" rows/s");
        if (estimatedRows > done && rate > 0) {
            line.append(", about ").append((estimatedRows - done) / rate).append(" s left");
        }
        List<String> waiting = lockWaits.get();
        if (!waiting.isEmpty()) {
            line.append("; waiting for a metadata lock on the source: ").append(String.join(", ", waiting));
        }
        return line.toString();
    }
}
