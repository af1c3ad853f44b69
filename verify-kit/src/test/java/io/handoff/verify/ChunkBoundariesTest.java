package io.handoff.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChunkBoundariesTest {

    /** Keys of a single-column key, sorted, as the source's index would return them. */
    private static ChunkBoundaries.KeyLookup keys(List<Long> sorted) {
        return (lower, n) -> {
            List<Long> after = sorted.stream().filter(k -> lower == null || k > (Long) lower.get(0)).toList();
            return after.size() >= n ? Optional.of(List.of(after.get(n - 1))) : Optional.empty();
        };
    }

    private static List<ChunkRange> chunks(ChunkBoundaries.KeyLookup lookup, int rows) throws Exception {
        List<ChunkRange> chunks = new ArrayList<>();
        ChunkRange previous = null;
        do {
            previous = ChunkBoundaries.next(lookup, previous, rows);
            chunks.add(previous);
        } while (!previous.last());
        return chunks;
    }

    private static boolean contains(ChunkRange range, long key) {
        return (range.lowerExclusive() == null || key > (Long) range.lowerExclusive().get(0))
                && (range.upperInclusive() == null || key <= (Long) range.upperInclusive().get(0));
    }

    @Test
    void chunksAreContiguousFromUnboundedToUnboundedAndHoldTheAskedRows() throws Exception {
        List<Long> keys = LongStream.rangeClosed(1, 25).map(k -> k * 3).boxed().toList();
        List<ChunkRange> chunks = chunks(keys(keys), 10);

        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(0).lowerExclusive()).isNull();
        assertThat(chunks.get(0).upperInclusive()).containsExactly(30L);
        assertThat(chunks.get(1).lowerExclusive()).containsExactly(30L);
        assertThat(chunks.get(1).upperInclusive()).containsExactly(60L);
        assertThat(chunks.get(2).lowerExclusive()).containsExactly(60L);
        assertThat(chunks.get(2).last()).isTrue();
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).lowerExclusive()).isEqualTo(chunks.get(i - 1).upperInclusive());
        }
    }

    @Test
    void everyKeyEverWrittenFallsInExactlyOneChunk() throws Exception {
        List<Long> keys = LongStream.rangeClosed(100, 199).boxed().toList();
        List<ChunkRange> chunks = chunks(keys(keys), 7);
        // Keys below the first and above the last boundary, e.g. written on the target alone, are covered too.
        for (long key : List.of(-5L, 0L, 100L, 150L, 199L, 200L, 10_000L)) {
            assertThat(chunks.stream().filter(range -> contains(range, key)).count()).as("chunks holding %d", key).isEqualTo(1);
        }
    }

    @Test
    void exactMultipleEndsWithAnEmptyOpenChunk() throws Exception {
        List<ChunkRange> chunks = chunks(keys(List.of(1L, 2L, 3L, 4L)), 2);
        assertThat(chunks).extracting(ChunkRange::upperInclusive)
                .containsExactly(List.of(2L), List.of(4L), null);
    }

    @Test
    void emptyTableIsOneOpenChunk() throws Exception {
        List<ChunkRange> chunks = chunks(keys(List.of()), 1000);
        assertThat(chunks).containsExactly(ChunkRange.ALL);
    }

    @Test
    void sizeMayChangeFromChunkToChunk() throws Exception {
        ChunkBoundaries.KeyLookup lookup = keys(LongStream.rangeClosed(1, 100).boxed().toList());
        ChunkRange first = ChunkBoundaries.next(lookup, null, 10);
        ChunkRange second = ChunkBoundaries.next(lookup, first, 40);
        ChunkRange third = ChunkBoundaries.next(lookup, second, 5);
        assertThat(List.of(first, second, third)).extracting(ChunkRange::upperInclusive)
                .containsExactly(List.of(10L), List.of(50L), List.of(55L));
    }

    @Test
    void nothingFollowsTheLastChunk() {
        assertThatThrownBy(() -> ChunkBoundaries.next(keys(List.of()), ChunkRange.ALL, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
