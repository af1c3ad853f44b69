package io.handoff.cutover.seed;

import io.handoff.cutover.cluster.PortableSql;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table into {@link Chunk}s of about {@code chunkRows} rows or {@code chunkBytes} bytes, whichever makes more:
 * equal ranges of its integer key between the lowest and highest key in the snapshot, as many as the server's
 * estimates ask for. The first and last ranges are open, so that every row is in exactly one chunk whatever the
 * estimates. A table without an integer key, or smaller than one chunk, is one chunk.
 */
final class ChunkPlan {
    /** More ranges than this are not worth their queries. */
    private static final long MAX_CHUNKS_PER_TABLE = 10_000;
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ChunkPlan() {
    }

    /** The chunks of {@code table}, its key's bounds read in {@code snapshot}. */
    static List<Chunk> of(SeedTable table, Connection snapshot, long chunkRows, long chunkBytes) throws SQLException {
        long count = Math.min(MAX_CHUNKS_PER_TABLE, Math.max((table.estimatedRows() + chunkRows - 1) / chunkRows,
                (table.estimatedBytes() + chunkBytes - 1) / chunkBytes));
        if (table.integerKey().isEmpty() || count <= 1) {
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
        return ranges(table, min.longValueExact(), max.longValueExact(), count);
    }

    /** {@code count} ranges over {@code [min, max]}, the first open below and the last open above. */
    static List<Chunk> ranges(SeedTable table, long min, long max, long count) {
        BigInteger low = BigInteger.valueOf(min);
        BigInteger high = BigInteger.valueOf(max);
        BigInteger span = high.subtract(low).add(BigInteger.ONE);
        BigInteger parts = BigInteger.valueOf(Math.max(1, count));
        BigInteger width = span.add(parts).subtract(BigInteger.ONE).divide(parts);
        List<Chunk> chunks = new ArrayList<>();
        Long from = null;
        for (long i = 1; i < count; i++) {
            BigInteger to = low.add(width.multiply(BigInteger.valueOf(i)));
            if (to.compareTo(high) > 0) {
                break;
            }
            chunks.add(new Chunk(table, from, to.longValueExact()));
            from = to.longValueExact();
        }
        chunks.add(new Chunk(table, from, null));
        return chunks;
    }
}
