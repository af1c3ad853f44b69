package io.handoff.cutover.seed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order in which a seed's workers take its chunks: the costliest first, by the server's estimates of each table's
 * rows and bytes shared out over its chunks, so that a large chunk that cannot be split (a table without an integer
 * key is one chunk) starts early instead of running alone at the end while the other workers wait, and the small
 * chunks fill in last (longest-processing-time-first). A chunk costs {@value #ROW_COST} bytes a row besides its
 * bytes: loading a row costs the target about as much as loading half a kilobyte of its values (a rough estimate from
 * the chunk timings of {@code bench/seed.sh}).
 */
final class ChunkOrder {
    /** What one row costs, in bytes of values that cost as much to copy. */
    static final long ROW_COST = 512;

    private ChunkOrder() {
    }

    /** {@code work} sorted costliest chunk first; chunks of equal cost keep their order. */
    static <W> List<W> costliestFirst(List<W> work, Function<W, Chunk> chunkOf) {
        Map<SeedTable, Integer> chunksPerTable = new HashMap<>();
        for (W item : work) {
            chunksPerTable.merge(chunkOf.apply(item).table(), 1, Integer::sum);
        }
        List<W> sorted = new ArrayList<>(work);
        sorted.sort(Comparator.comparingDouble((W item) -> cost(chunkOf.apply(item).table(),
                chunksPerTable.get(chunkOf.apply(item).table()))).reversed());
        return sorted;
    }

    /** The estimated cost of one of {@code chunks} chunks of {@code table}. */
    static double cost(SeedTable table, int chunks) {
        return ((double) Math.max(0, table.estimatedRows()) * ROW_COST + Math.max(0, table.estimatedBytes())) / Math.max(1, chunks);
    }
}
