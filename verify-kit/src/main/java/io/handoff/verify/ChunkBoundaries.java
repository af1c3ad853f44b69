package io.handoff.verify;

import java.util.List;
import java.util.Optional;

/**
 * Cuts a table into chunks one at a time, the way pt-table-checksum nibbles: the next chunk starts
 * after the previous one's upper bound and ends at the {@code rows}-th key after it, as the source
 * sees it when the chunk is checked; when fewer keys remain, the chunk is the table's last and has no
 * upper bound. Boundaries are found while checking, not planned up front, so each chunk's size can
 * follow the {@link ChunkSizer}, and rows written meanwhile are never left between two chunks.
 */
public final class ChunkBoundaries {

    /** Finds keys on the source, in the chunk key's order. */
    @FunctionalInterface
    public interface KeyLookup {
        /** The {@code n}-th key (from 1) after {@code lowerExclusive} ({@code null}: from the start), or empty. */
        Optional<List<Object>> nth(List<Object> lowerExclusive, int n) throws java.sql.SQLException;
    }

    private ChunkBoundaries() {
    }

    /** The chunk that follows {@code previous} ({@code null} for the table's first), with {@code rows} rows. */
    public static ChunkRange next(KeyLookup keys, ChunkRange previous, int rows) throws java.sql.SQLException {
        if (previous != null && previous.last()) {
            throw new IllegalArgumentException("nothing follows a table's last chunk");
        }
        if (rows < 1) {
            throw new IllegalArgumentException("a chunk has at least one row, not " + rows);
        }
        List<Object> lower = previous == null ? null : previous.upperInclusive();
        return new ChunkRange(lower, keys.nth(lower, rows).orElse(null));
    }
}
