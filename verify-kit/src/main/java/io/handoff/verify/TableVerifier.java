package io.handoff.verify;

import io.handoff.common.event.DriftKind;
import io.handoff.common.sql.GtidWaitResult;
import io.handoff.verify.RowDiff.RowImage;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compares tables chunk by chunk, each chunk at one replication position on both servers, several
 * chunks at once.
 *
 * <p>Per chunk, in this order (the order is what makes both reads comparable): on the source, a
 * consistent snapshot is started and the binlog GTID position read (it covers every transaction the
 * snapshot sees); then, at the same time, the source computes the chunk's checksum in that snapshot
 * and the target waits on the server ({@code MASTER_GTID_WAIT} / {@code WAIT_FOR_EXECUTED_GTID_SET})
 * until it has applied that position and computes the same checksum. The target may have applied
 * more than the snapshot saw, so a differing chunk is narrowed ({@link #narrow}): cut into
 * {@value #FANOUT} key ranges whose checksums are compared again at a new position, recursively, down
 * to ranges of at most {@code narrow-rows} rows; only those are read row by row, up to
 * {@code rechecks + 1} times, each at a new position, and only rows that differ every time are
 * reported. A table without a chunk key is one chunk; when it has more than {@code max-chunk-rows}
 * rows its rows are not read: a checksum that differs every time is one whole-table difference.
 *
 * <p>Chunks are contiguous key ranges. A one-column integer key is cut by value ({@code MIN} to
 * {@code MAX}, each range as wide as the wanted rows at the density seen so far), any other key the
 * way pt-table-checksum nibbles: the next chunk ends at the n-th key after the previous one, found
 * on the source.
 *
 * <p>Threads: {@link #verify} and {@link #finish} run on the verifying thread, which alone finds chunk
 * boundaries (on its own source connection) and alone updates the {@link VerifyProgress}. Up to
 * {@code parallel-chunks} chunks are checked at once on worker threads, each with its own pair of
 * connections, and each chunk's target side on a second thread; a worker's result is applied to the
 * progress by the verifying thread. Chunk boundaries do not depend on the checksums (chunks are
 * contiguous: a row written meanwhile still falls in exactly one), so the verifying thread cuts
 * chunks ahead of the workers, across tables.
 */
final class TableVerifier implements AutoCloseable {
    /** How many parts a differing range is cut into. */
    static final int FANOUT = 8;

    /** The connections one worker uses: one to each server. */
    record Pair(VerifyConnection source, VerifyConnection target) {
    }

    /** What checking one chunk (or a whole table) found. */
    private record Checked(long rows, long rechecks, List<Difference> differences) {
    }

    /** A differing range still to narrow: its rows on the source and the most on either side. */
    private record Suspect(ChunkRange range, long sourceRows, long rows) {
    }

    @FunctionalInterface
    private interface Check {
        Checked run(Pair pair) throws SQLException, VerifyException;
    }

    private final VerifyConnection boundaries;
    private final List<Pair> pairs;
    private final BlockingQueue<Pair> idle;
    private final VerifyConfig config;
    private final Instant stopAt;
    private final VerifyProgress progress;
    private final ExecutorService workers;
    private final ExecutorService targetSide;
    private final Semaphore inFlight;
    private final List<Future<Checked>> running = new ArrayList<>();

    /**
     * @param boundaries a source connection for the verifying thread
     * @param pairs      one pair of connections per chunk checked at once
     */
    TableVerifier(VerifyConnection boundaries, List<Pair> pairs, VerifyConfig config, Instant stopAt, VerifyProgress progress) {
        this.boundaries = boundaries;
        this.pairs = List.copyOf(pairs);
        this.idle = new ArrayBlockingQueue<>(pairs.size(), false, pairs);
        this.config = config;
        this.stopAt = stopAt;
        this.progress = progress;
        this.workers = Executors.newFixedThreadPool(pairs.size(), daemons("verify-chunk"));
        this.targetSide = Executors.newFixedThreadPool(pairs.size(), daemons("verify-target"));
        // One chunk more than workers: the next one is cut and queued while every worker is busy.
        this.inFlight = new Semaphore(pairs.size() + 1);
    }

    /**
     * Queues every chunk of {@code table}, cutting them as workers take them; results of chunks
     * already checked are added to the progress. Returns before the last chunks are checked: see
     * {@link #finish}.
     */
    void verify(TableShape table) throws SQLException, VerifyException {
        if (table.wholeTable()) {
            dispatch(pair -> checkChunk(pair, table, ChunkRange.ALL, null));
            return;
        }
        ChunkSizer sizer = new ChunkSizer(config.chunkTime(), config.initialChunkRows(), config.minChunkRows(),
                config.maxChunkRows());
        if (integerKey(table)) {
            List<Object> bounds = boundaries.first(ChunkSql.keyBounds(table)).orElseThrow();
            // BIGINT UNSIGNED beyond a long, and a MIN that has no value below it, are nibbled instead.
            if (bounds.get(0) instanceof Number min && bounds.get(1) instanceof Number max && !(min instanceof java.math.BigInteger)
                    && !(max instanceof java.math.BigInteger) && min.longValue() > Long.MIN_VALUE) {
                verifyByKeyValue(table, sizer, min.longValue(), max.longValue());
                return;
            }
            if (bounds.get(0) == null) {
                dispatch(pair -> checkChunk(pair, table, ChunkRange.ALL, sizer));
                return;
            }
        }
        ChunkRange previous = null;
        do {
            awaitSlot();
            ChunkRange range = ChunkBoundaries.next((lower, n) -> boundaries.first(ChunkSql.nthKey(table, lower, n)), previous,
                    sizer.nextRows());
            submit(pair -> checkChunk(pair, table, range, sizer));
            previous = range;
        } while (!previous.last());
    }

    /** Whether {@code table}'s chunk key is one integer column: its chunks can be cut by key value, without reading rows. */
    private static boolean integerKey(TableShape table) {
        if (table.key().columns().size() != 1) {
            return false;
        }
        String key = table.key().columns().get(0);
        return table.columns().stream().anyMatch(column -> column.name().equals(key) && switch (column.dataType()) {
            case "tinyint", "smallint", "mediumint", "int", "bigint" -> true;
            default -> false;
        });
    }

    /**
     * Cuts a table with a one-column integer key into key-value ranges from {@code min} to {@code max}
     * (the first range open below, the last above, so rows written meanwhile still fall in one), as
     * wide as the sizer's rows at the key density seen so far: no boundary is looked up on the source.
     */
    private void verifyByKeyValue(TableShape table, ChunkSizer sizer, long min, long max) throws SQLException, VerifyException {
        KeyDensity density = new KeyDensity();
        Long lower = null;
        boolean last;
        do {
            awaitSlot();
            long from = lower == null ? min - 1 : lower;
            long width = density.widthFor(sizer.nextRows());
            last = width >= max - from;
            Long upper = last ? null : from + width;
            ChunkRange range = new ChunkRange(lower == null ? null : List.of(lower), upper == null ? null : List.of(upper));
            submit(pair -> {
                Checked checked = checkChunk(pair, table, range, sizer);
                density.observe(checked.rows(), width);
                return checked;
            });
            lower = upper;
        } while (!last);
    }

    /** Rows per key value over the chunks checked so far (1 before any). Thread-safe. */
    private static final class KeyDensity {
        private long rows;
        private long width;

        synchronized void observe(long chunkRows, long chunkWidth) {
            rows += chunkRows;
            width += chunkWidth;
        }

        synchronized long widthFor(int wantedRows) {
            double perValue = rows == 0 || width == 0 ? 1.0 : Math.max((double) rows / width, 1e-9);
            return (long) Math.max(1, Math.min(Long.MAX_VALUE / 4, wantedRows / perValue));
        }
    }

    /** Waits until every queued chunk is checked, adding their results to the progress. */
    void finish() throws SQLException, VerifyException {
        for (Future<Checked> chunk : List.copyOf(running)) {
            apply(chunk, true);
        }
        running.clear();
    }

    private void dispatch(Check check) throws SQLException, VerifyException {
        awaitSlot();
        submit(check);
    }

    private void awaitSlot() throws SQLException, VerifyException {
        try {
            while (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                collectDone();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerifyException("VERIFY was interrupted", true, e);
        }
        collectDone();
    }

    private void submit(Check check) {
        running.add(workers.submit(() -> {
            Pair pair = idle.take();
            try {
                return check.run(pair);
            } finally {
                idle.add(pair);
                inFlight.release();
            }
        }));
    }

    private void collectDone() throws SQLException, VerifyException {
        for (Iterator<Future<Checked>> chunks = running.iterator(); chunks.hasNext();) {
            Future<Checked> chunk = chunks.next();
            if (chunk.isDone()) {
                chunks.remove();
                apply(chunk, false);
            }
        }
    }

    private void apply(Future<Checked> chunk, boolean wait) throws SQLException, VerifyException {
        Checked checked;
        try {
            checked = wait ? chunk.get() : chunk.get(0, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerifyException("VERIFY was interrupted", true, e);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("a chunk counted as done has no result", e);
        }
        progress.chunks++;
        progress.rows += checked.rows();
        progress.rechecks += checked.rechecks();
        checked.differences().forEach(progress::found);
    }

    private static SQLException rethrown(Throwable cause) throws VerifyException {
        Throwable failure = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (failure instanceof VerifyException verify) {
            throw verify;
        }
        if (failure instanceof SQLException sql) {
            return sql;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    /** Checks one chunk ({@code sizer} {@code null}: a whole table) on a worker thread. */
    private Checked checkChunk(Pair pair, TableShape table, ChunkRange range, ChunkSizer sizer)
            throws SQLException, VerifyException {
        Compared compared = compare(pair, table, List.of(range), sizer);
        long rows = compared.sourceRows(0);
        if (compared.differing().isEmpty()) {
            return new Checked(rows, 0, List.of());
        }
        long targetRows = compared.targetRows(0);
        if (table.wholeTable() && Math.max(rows, targetRows) > config.maxChunkRows()) {
            long[] rechecks = {0};
            boolean differs = stillDiffersAsAWhole(pair, table, rechecks);
            return new Checked(rows, rechecks[0], !differs ? List.of() : List.of(Difference.table(table.qualifiedName(),
                    DriftKind.DIFFERENT, "checksums differ (source " + rows + " rows, target " + targetRows + "); without a"
                            + " primary or unique NOT NULL key, tables over " + config.maxChunkRows()
                            + " rows are not narrowed to rows")));
        }
        return narrow(pair, table, new Suspect(range, rows, Math.max(rows, targetRows)), rows);
    }

    /** The checksums of {@code ranges}, read at one position on both servers. */
    private record Compared(List<List<Object>> source, List<List<Object>> target) {
        long sourceRows(int range) {
            return ((Number) source.get(range).get(0)).longValue();
        }

        long targetRows(int range) {
            return ((Number) target.get(range).get(0)).longValue();
        }

        /** Indexes of the ranges whose checksums differ. */
        List<Integer> differing() {
            List<Integer> differing = new ArrayList<>();
            for (int i = 0; i < source.size(); i++) {
                if (!text(source.get(i)).equals(text(target.get(i)))) {
                    differing.add(i);
                }
            }
            return differing;
        }
    }

    /**
     * Checksums {@code ranges} in one source snapshot and, at its position, on the target, both servers
     * at once. {@code sizer}, when given, learns how long the source took.
     */
    private Compared compare(Pair pair, TableShape table, List<ChunkRange> ranges, ChunkSizer sizer)
            throws SQLException, VerifyException {
        List<List<Object>> sourceSums = new ArrayList<>(ranges.size());
        CompletableFuture<List<List<Object>>> targetSums;
        long elapsed;
        pair.source().beginSnapshot();
        try {
            String position = pair.source().position();
            targetSums = onTarget(() -> {
                awaitTarget(pair, position);
                List<List<Object>> sums = new ArrayList<>(ranges.size());
                for (ChunkRange range : ranges) {
                    sums.add(pair.target().first(ChunkSql.checksum(table, range)).orElseThrow());
                }
                return sums;
            });
            long start = System.nanoTime();
            try {
                for (ChunkRange range : ranges) {
                    sourceSums.add(pair.source().first(ChunkSql.checksum(table, range)).orElseThrow());
                }
            } catch (SQLException | RuntimeException e) {
                join(targetSums, true);
                throw e;
            }
            elapsed = System.nanoTime() - start;
        } finally {
            pair.source().endSnapshot();
        }
        if (sizer != null) {
            sizer.observe(((Number) sourceSums.get(0).get(0)).longValue(), Duration.ofNanos(elapsed));
        }
        return new Compared(sourceSums, join(targetSums, false));
    }

    @FunctionalInterface
    private interface TargetRead<T> {
        T read() throws SQLException, VerifyException;
    }

    private <T> CompletableFuture<T> onTarget(TargetRead<T> read) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read.read();
            } catch (SQLException | VerifyException e) {
                throw new CompletionException(e);
            }
        }, targetSide);
    }

    /** The target side's result; {@code quietly}: only waits for it to end (the source side already failed). */
    private static <T> T join(CompletableFuture<T> target, boolean quietly) throws SQLException, VerifyException {
        try {
            return target.join();
        } catch (CompletionException e) {
            if (quietly) {
                return null;
            }
            throw rethrown(e);
        }
    }

    /**
     * Compares a table without a chunk key as one checksum up to {@code rechecks} more times (too big to
     * read its rows); whether it differed every time. Counts the comparisons in {@code rechecks[0]}.
     */
    private boolean stillDiffersAsAWhole(Pair pair, TableShape table, long[] rechecks) throws SQLException, VerifyException {
        for (int comparison = 0; comparison < config.rechecks(); comparison++) {
            rechecks[0]++;
            if (compare(pair, table, List.of(ChunkRange.ALL), null).differing().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rows of a differing chunk that differ on every one of up to {@code rechecks + 1} row-by-row
     * comparisons, after the chunk was cut down to its differing ranges of at most
     * {@code narrow-rows} rows (a table without a chunk key: its only range).
     */
    private Checked narrow(Pair pair, TableShape table, Suspect chunk, long rows) throws SQLException, VerifyException {
        long rechecks = 0;
        List<ChunkRange> leaves = new ArrayList<>();
        Deque<Suspect> suspects = new ArrayDeque<>(List.of(chunk));
        while (!suspects.isEmpty()) {
            Suspect suspect = suspects.pop();
            List<ChunkRange> parts = table.wholeTable() || suspect.rows() <= config.narrowRows() ? List.of()
                    : split(pair.source(), table, suspect);
            if (parts.size() < 2) {
                leaves.add(suspect.range());
                continue;
            }
            rechecks++;
            Compared compared = compare(pair, table, parts, null);
            for (int part : compared.differing()) {
                suspects.push(new Suspect(parts.get(part), compared.sourceRows(part),
                        Math.max(compared.sourceRows(part), compared.targetRows(part))));
            }
        }
        if (leaves.isEmpty()) {
            return new Checked(rows, rechecks, List.of());
        }
        Map<List<String>, Difference> still = null;
        for (int comparison = 0; comparison <= config.rechecks(); comparison++) {
            rechecks++;
            List<RowImage> sourceRows = new ArrayList<>();
            CompletableFuture<List<RowImage>> targetRows;
            pair.source().beginSnapshot();
            try {
                String position = pair.source().position();
                targetRows = onTarget(() -> {
                    awaitTarget(pair, position);
                    List<RowImage> images = new ArrayList<>();
                    for (ChunkRange leaf : leaves) {
                        images.addAll(images(table, pair.target().rows(ChunkSql.rowHashes(table, leaf))));
                    }
                    return images;
                });
                try {
                    for (ChunkRange leaf : leaves) {
                        sourceRows.addAll(images(table, pair.source().rows(ChunkSql.rowHashes(table, leaf))));
                    }
                } catch (SQLException | RuntimeException e) {
                    join(targetRows, true);
                    throw e;
                }
            } finally {
                pair.source().endSnapshot();
            }
            Map<List<String>, Difference> now = RowDiff.compare(table.qualifiedName(), !table.wholeTable(), sourceRows,
                    join(targetRows, false));
            still = still == null ? now : RowDiff.stillDiffering(still, now);
            if (still.isEmpty()) {
                return new Checked(rows, rechecks, List.of());
            }
        }
        return new Checked(rows, rechecks, new ArrayList<>(still.values()));
    }

    /**
     * {@code suspect}'s range cut into up to {@value #FANOUT} contiguous parts of about equal source
     * rows, found on the source; the first starts and the last ends where the range does, so a row on
     * either server falls in exactly one part.
     */
    private static List<ChunkRange> split(VerifyConnection source, TableShape table, Suspect suspect) throws SQLException {
        int step = (int) Math.max(1, (suspect.sourceRows() + FANOUT - 1) / FANOUT);
        List<ChunkRange> parts = new ArrayList<>(FANOUT);
        List<Object> lower = suspect.range().lowerExclusive();
        List<Object> upper = suspect.range().upperInclusive();
        while (parts.size() < FANOUT - 1) {
            var boundary = source.first(ChunkSql.nthKeyWithin(table, new ChunkRange(lower, upper), step));
            if (boundary.isEmpty()) {
                break;
            }
            parts.add(new ChunkRange(lower, boundary.get()));
            lower = boundary.get();
        }
        parts.add(new ChunkRange(lower, upper));
        return parts;
    }

    private void awaitTarget(Pair pair, String position) throws SQLException, VerifyException {
        Duration left = Duration.between(Instant.now(), stopAt);
        if (left.isNegative() || left.isZero()) {
            throw new VerifyException("VERIFY ran longer than handoff.verify.max-duration (" + config.maxDuration() + ")",
                    true, null);
        }
        if (!config.awaitTarget()) {
            return;
        }
        Duration timeout = left.compareTo(config.waitTimeout()) < 0 ? left : config.waitTimeout();
        if (pair.target().waitFor(position, timeout) == GtidWaitResult.TIMED_OUT) {
            throw new VerifyException(pair.target().cluster().name() + " did not apply the source's position " + position
                    + " within " + timeout + ": is it replicating from " + pair.source().cluster().name() + "?", true, null);
        }
    }

    private static List<RowImage> images(TableShape table, List<List<Object>> rows) {
        List<String> names = table.wholeTable() ? table.columns().stream().map(TableShape.Column::name).toList()
                : table.key().columns();
        List<RowImage> images = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> key = new LinkedHashMap<>();
            List<String> identity = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                key.put(names.get(i), table.wholeTable() ? Values.naming(row.get(i)) : Values.json(row.get(i)));
                identity.add(Values.text(row.get(i)));
            }
            String hash = String.valueOf(row.get(names.size()));
            images.add(new RowImage(table.wholeTable() ? List.of(hash) : identity, key, hash));
        }
        return images;
    }

    private static List<String> text(List<Object> values) {
        return values.stream().map(Values::text).toList();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops the workers (a chunk still running ends with its statement) and closes their connections;
     * the boundaries connection belongs to the caller.
     */
    @Override
    public void close() {
        running.forEach(chunk -> chunk.cancel(true));
        workers.shutdownNow();
        targetSide.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            targetSide.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pairs.forEach(pair -> {
            pair.source().close();
            pair.target().close();
        });
    }
}
