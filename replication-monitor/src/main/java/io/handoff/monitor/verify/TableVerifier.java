package io.handoff.monitor.verify;

import io.handoff.common.event.DriftKind;
import io.handoff.common.sql.GtidWaitResult;
import io.handoff.monitor.verify.RowDiff.RowImage;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares one table chunk by chunk, at the same replication position on both servers.
 *
 * <p>Per chunk, in this order (the order is what makes both reads comparable): on the source, a
 * consistent snapshot is started, the binlog GTID position read (it covers every transaction the
 * snapshot sees), the chunk's upper boundary found and its checksum computed; then the target waits
 * on the server ({@code MASTER_GTID_WAIT} / {@code WAIT_FOR_EXECUTED_GTID_SET}) until it has applied
 * that position and computes the same checksum. The target may have applied more than the snapshot
 * saw, so a differing chunk is compared again row by row ({@link #narrow}) up to
 * {@code rechecks + 1} times, each at a new position; only rows that differ every time are reported.
 * A table without a chunk key is one chunk; when it has more than {@code max-chunk-rows} rows its
 * rows are not read: a checksum that differs every time is one whole-table difference.
 *
 * <p>Runs on the command worker thread, with the run's two connections.
 */
final class TableVerifier {
    private final VerifyConnection source;
    private final VerifyConnection target;
    private final VerifyConfig config;
    private final Instant stopAt;
    private final VerifyProgress progress;

    TableVerifier(VerifyConnection source, VerifyConnection target, VerifyConfig config, Instant stopAt,
            VerifyProgress progress) {
        this.source = source;
        this.target = target;
        this.config = config;
        this.stopAt = stopAt;
        this.progress = progress;
    }

    /** Compares every chunk of {@code table}, adding what it checked and found to the progress. */
    void verify(TableShape table) throws SQLException, VerifyException {
        ChunkSizer sizer = new ChunkSizer(config.chunkTime(), config.initialChunkRows(), config.minChunkRows(),
                config.maxChunkRows());
        ChunkRange previous = null;
        do {
            previous = checkChunk(table, previous, sizer);
        } while (!previous.last());
    }

    private ChunkRange checkChunk(TableShape table, ChunkRange previous, ChunkSizer sizer)
            throws SQLException, VerifyException {
        String position;
        ChunkRange range;
        List<Object> sourceSums;
        long elapsed;
        source.beginSnapshot();
        try {
            position = source.position();
            range = table.wholeTable() ? ChunkRange.ALL
                    : ChunkBoundaries.next((lower, n) -> source.first(ChunkSql.nthKey(table, lower, n)), previous,
                            sizer.nextRows());
            long start = System.nanoTime();
            sourceSums = source.first(ChunkSql.checksum(table, range)).orElseThrow();
            elapsed = System.nanoTime() - start;
        } finally {
            source.endSnapshot();
        }
        long rows = ((Number) sourceSums.get(0)).longValue();
        sizer.observe(rows, Duration.ofNanos(elapsed));
        awaitTarget(position);
        List<Object> targetSums = target.first(ChunkSql.checksum(table, range)).orElseThrow();
        progress.chunks++;
        progress.rows += rows;
        if (!text(sourceSums).equals(text(targetSums))) {
            long targetRows = ((Number) targetSums.get(0)).longValue();
            if (table.wholeTable() && Math.max(rows, targetRows) > config.maxChunkRows()) {
                if (stillDiffersAsAWhole(table)) {
                    progress.found(Difference.table(table.qualifiedName(), DriftKind.DIFFERENT,
                            "checksums differ (source " + rows + " rows, target " + targetRows + "); without a primary or"
                                    + " unique NOT NULL key, tables over " + config.maxChunkRows()
                                    + " rows are not narrowed to rows"));
                }
            } else {
                narrow(table, range).forEach(progress::found);
            }
        }
        return range;
    }

    /**
     * Compares a table without a chunk key as one checksum up to {@code rechecks} more times (too big to
     * read its rows); whether it differed every time.
     */
    private boolean stillDiffersAsAWhole(TableShape table) throws SQLException, VerifyException {
        for (int comparison = 0; comparison < config.rechecks(); comparison++) {
            progress.rechecks++;
            String position;
            List<Object> sourceSums;
            source.beginSnapshot();
            try {
                position = source.position();
                sourceSums = source.first(ChunkSql.checksum(table, ChunkRange.ALL)).orElseThrow();
            } finally {
                source.endSnapshot();
            }
            awaitTarget(position);
            if (text(sourceSums).equals(text(target.first(ChunkSql.checksum(table, ChunkRange.ALL)).orElseThrow()))) {
                return false;
            }
        }
        return true;
    }

    /** The rows of {@code range} that differ on every one of up to {@code rechecks + 1} comparisons. */
    private List<Difference> narrow(TableShape table, ChunkRange range) throws SQLException, VerifyException {
        Map<List<String>, Difference> still = null;
        for (int comparison = 0; comparison <= config.rechecks(); comparison++) {
            progress.rechecks++;
            String position;
            List<RowImage> sourceRows;
            source.beginSnapshot();
            try {
                position = source.position();
                sourceRows = images(table, source.rows(ChunkSql.rowHashes(table, range)));
            } finally {
                source.endSnapshot();
            }
            awaitTarget(position);
            List<RowImage> targetRows = images(table, target.rows(ChunkSql.rowHashes(table, range)));
            Map<List<String>, Difference> now = RowDiff.compare(table.qualifiedName(), !table.wholeTable(), sourceRows, targetRows);
            still = still == null ? now : RowDiff.stillDiffering(still, now);
            if (still.isEmpty()) {
                return List.of();
            }
        }
        return new ArrayList<>(still.values());
    }

    private void awaitTarget(String position) throws SQLException, VerifyException {
        Duration left = Duration.between(Instant.now(), stopAt);
        if (left.isNegative() || left.isZero()) {
            throw new VerifyException("VERIFY ran longer than handoff.verify.max-duration (" + config.maxDuration() + ")",
                    true, null);
        }
        Duration timeout = left.compareTo(config.waitTimeout()) < 0 ? left : config.waitTimeout();
        if (target.waitFor(position, timeout) == GtidWaitResult.TIMED_OUT) {
            throw new VerifyException(target.cluster().name() + " did not apply the source's position " + position
                    + " within " + timeout + ": is it replicating from " + source.cluster().name() + "?", true, null);
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
}
