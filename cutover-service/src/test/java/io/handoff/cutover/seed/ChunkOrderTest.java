package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ChunkOrderTest {
    private static final List<SeedTable.Column> COLUMNS = List.of(SeedTable.Column.of("id", "bigint"));

    private static SeedTable table(String name, long rows, long bytes) {
        return new SeedTable("shop", name, COLUMNS, Optional.of("id"), rows, bytes);
    }

    @Test
    void aLargeTableThatIsOneChunkComesBeforeTheSmallerChunksOfLargerTables() {
        SeedTable orders = table("orders", 600_000, 60 << 20);
        SeedTable audit = new SeedTable("shop", "audit_log", COLUMNS, Optional.empty(), 200_000, 26 << 20);
        SeedTable places = table("places", 1_000, 64 << 10);
        List<Chunk> work = new ArrayList<>(ChunkPlan.ranges(orders, 1, 600_000, 6));
        work.add(Chunk.whole(audit));
        work.add(Chunk.whole(places));

        List<Chunk> ordered = ChunkOrder.costliestFirst(work, Function.identity());

        assertThat(ordered.get(0)).isEqualTo(Chunk.whole(audit));
        assertThat(ordered.subList(1, 7)).as("the chunks of one table keep their order").isEqualTo(work.subList(0, 6));
        assertThat(ordered.get(7)).isEqualTo(Chunk.whole(places));
    }

    @Test
    void rowsCountBesidesBytes() {
        SeedTable narrow = table("narrow", 100_000, 4 << 20);
        SeedTable wide = table("wide", 1_000, 16 << 20);

        assertThat(ChunkOrder.cost(narrow, 1)).isGreaterThan(ChunkOrder.cost(wide, 1));
        assertThat(ChunkOrder.cost(narrow, 2)).isEqualTo(ChunkOrder.cost(narrow, 1) / 2);
    }

    @Test
    void unknownEstimatesCostNothingAndKeepTheirPlace() {
        SeedTable unknown = table("unknown", -1, -1);
        SeedTable known = table("known", 10, 1024);
        List<Chunk> work = List.of(Chunk.whole(unknown), Chunk.whole(known), new Chunk(unknown, 5L, null));

        assertThat(ChunkOrder.costliestFirst(work, Function.identity())).containsExactly(Chunk.whole(known), Chunk.whole(unknown),
                new Chunk(unknown, 5L, null));
    }
}
