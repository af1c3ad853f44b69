package io.handoff.cutover.seed;

import io.handoff.cutover.cluster.PortableSql;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table into {@link Chunk}s of about {@code chunkRows} rows: equal ranges of its integer key between the
 * lowest and highest key in the snapshot, as many as the server's row estimate asks for. The first and last ranges are
 * open, so that every row is in exactly one chunk whatever the estimate. A table without an integer key, or smaller
 * than one chunk, is one chunk.
 */
final class ChunkPlan {
    /** More ranges than this are not worth their queries. */
    private static final long MAX_CHUNKS_PER_TABLE = 10_000;
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ChunkPlan() {
    }

    /** The chunks of {@code table}, its key's bounds read in {@code snapshot}. */
    static List<Chunk> of(SeedTable table, Connection snapshot, long chunkRows) throws SQLException {
        if (table.integerKey().isEmpty() || table.estimatedRows() <= chunkRows) {
            return List.of(Chunk.whole(table));
        }
        String key = PortableSql.identifier(table.integerKey().get());
        BigDecimal min;
        BigDecimal max;
        try (Statement sql = snapshot.createStatement();
                ResultSet row = sql.executeQuery("SELECT MIN(" + key + "), MAX(" + key + ") FROM " + table.qualified())) {
            row.next();
            min = row.getBigDecimal(1);
            max = row.getBigDecimal(2);
        }
        if (min == null || max == null || min.compareTo(LONG_MIN) < 0 || max.compareTo(LONG_MAX) >= 0) {
            return List.of(Chunk.whole(table));
        }
        return ranges(table, min.longValueExact(), max.longValueExact(), Math.min(MAX_CHUNKS_PER_TABLE,
                (table.estimatedRows() + chunkRows - 1) / chunkRows));
    }

    /** {@code count} ranges over {@code [min, max]}, the first open below and the last open above. */
    static List<Chunk> ranges(SeedTable table, long min, long max, long count) {
        BigInteger span = BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).add(BigInteger.ONE);
        long width = new BigDecimal(span).divide(BigDecimal.valueOf(Math.max(1, count)), 0, RoundingMode.CEILING).longValue();
        List<Chunk> chunks = new ArrayList<>();
        Long from = null;
        for (long i = 1; i < count; i++) {
            long to = min + i * width;
            if (to > max) {
                break;
            }
            chunks.add(new Chunk(table, from, to));
            from = to;
        }
        chunks.add(new Chunk(table, from, null));
        return chunks;
    }
}
