package io.handoff.cutover.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChunkPlanTest {
    private static final SeedTable ORDERS = new SeedTable("shop", "orders", List.of(SeedTable.Column.of("id", "bigint"),
            SeedTable.Column.of("note", "varchar"), SeedTable.Column.of("total", "decimal")), Optional.of("id"), 1000, 1 << 20);

    @Test
    void rangesAreDisjointCoverEveryKeyAndAreOpenAtBothEnds() {
        List<Chunk> chunks = ChunkPlan.ranges(ORDERS, 1, 1000, 4);

        assertThat(chunks).extracting(Chunk::from).containsExactly(null, 251L, 501L, 751L);
        assertThat(chunks).extracting(Chunk::to).containsExactly(251L, 501L, 751L, null);
        for (long key : new long[] {Long.MIN_VALUE, 0, 1, 250, 251, 999, 1000, Long.MAX_VALUE}) {
            assertThat(chunks.stream().filter(chunk -> (chunk.from() == null || key >= chunk.from())
                    && (chunk.to() == null || key < chunk.to()))).as("chunks holding key " + key).hasSize(1);
        }
    }

    @Test
    void moreChunksThanKeysGivesOneChunkPerKeyAtMost() {
        assertThat(ChunkPlan.ranges(ORDERS, 5, 7, 10)).extracting(Chunk::toString)
                .containsExactly("shop.orders[, 6)", "shop.orders[6, 7)", "shop.orders[7, )");
        assertThat(ChunkPlan.ranges(ORDERS, 5, 5, 3)).containsExactly(Chunk.whole(ORDERS));
    }

    @Test
    void extremeKeysDoNotOverflow() {
        List<Chunk> chunks = ChunkPlan.ranges(ORDERS, Long.MIN_VALUE, Long.MAX_VALUE - 1, 3);

        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(1).from()).isLessThan(chunks.get(1).to());
    }

    @Test
    void aChunkSelectsItsRangeWithNumbersAndTextCastAndBytesAsStored() {
        assertThat(new Chunk(ORDERS, 251L, 501L).select()).isEqualTo("SELECT CAST(`id` AS CHAR), `note`, CAST(`total` AS CHAR)"
                + " FROM `shop`.`orders` WHERE `id` >= 251 AND `id` < 501");
        assertThat(new Chunk(ORDERS, null, 251L).select()).endsWith(" FROM `shop`.`orders` WHERE `id` < 251");
        assertThat(Chunk.whole(ORDERS).select()).endsWith(" FROM `shop`.`orders`");
    }

    @Test
    void aChunkDeletesAndChecksumsTheSameRangeItCopies() {
        assertThat(new Chunk(ORDERS, 251L, null).delete()).isEqualTo("DELETE FROM `shop`.`orders` WHERE `id` >= 251");
        assertThat(Chunk.whole(ORDERS).delete()).isEqualTo("DELETE FROM `shop`.`orders`");
        assertThat(new Chunk(ORDERS, 251L, 501L).checksum()).isEqualTo("SELECT COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS('|',"
                + " ISNULL(`id`), CAST(`id` AS BINARY), ISNULL(`note`), CAST(`note` AS BINARY), ISNULL(`total`), CAST(`total` AS BINARY)))),"
                + " 0) FROM `shop`.`orders` WHERE `id` >= 251 AND `id` < 501");
    }
}
