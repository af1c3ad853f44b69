package io.handoff.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A range of chunk-key values: above {@code lowerExclusive} and up to {@code upperInclusive}, each
 * {@code null} for "unbounded". A table's chunks are contiguous: the first has no lower bound and the
 * last no upper bound, so rows inserted before the first or after the last boundary, on either
 * server, still fall in a chunk.
 *
 * @param lowerExclusive key values (one per key column) the range starts after, or {@code null}
 * @param upperInclusive key values the range ends with, or {@code null}
 */
public record ChunkRange(List<Object> lowerExclusive, List<Object> upperInclusive) {
    /** The whole table. */
    public static final ChunkRange ALL = new ChunkRange(null, null);

    public ChunkRange {
        lowerExclusive = lowerExclusive == null ? null : Collections.unmodifiableList(new ArrayList<>(lowerExclusive));
        upperInclusive = upperInclusive == null ? null : Collections.unmodifiableList(new ArrayList<>(upperInclusive));
    }

    /** Whether this is a table's last chunk (no upper bound). */
    public boolean last() {
        return upperInclusive == null;
    }
}
