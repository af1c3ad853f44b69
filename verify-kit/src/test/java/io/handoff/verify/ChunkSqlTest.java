package io.handoff.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.sql.SqlStatement;
import io.handoff.verify.TableShape.ChunkKey;
import io.handoff.verify.TableShape.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkSqlTest {
    private static final TableShape ORDERS = new TableShape("shop", "orders",
            List.of(new Column("region", "int"), new Column("id", "bigint"), new Column("note", "varchar")),
            new ChunkKey(ChunkKey.Kind.PRIMARY, "PRIMARY", List.of("region", "id")));
    private static final TableShape LOG = new TableShape("shop", "log",
            List.of(new Column("at", "datetime"), new Column("line", "text")), ChunkKey.NONE);

    @Test
    void compositeBoundsExpandToComparisonsAnIndexRangeCanUse() {
        SqlStatement checksum = ChunkSql.checksum(ORDERS, new ChunkRange(List.of(1, 100L), List.of(2, 50L)));
        assertThat(checksum.sql()).endsWith(" FROM `shop`.`orders` FORCE INDEX (`PRIMARY`)"
                + " WHERE (`region` > ? OR (`region` = ? AND `id` > ?))"
                + " AND (`region` < ? OR (`region` = ? AND `id` <= ?))");
        assertThat(checksum.params()).containsExactly(1, 1, 100L, 2, 2, 50L);
    }

    @Test
    void firstAndLastChunksHaveOneBoundOrNone() {
        assertThat(ChunkSql.checksum(ORDERS, new ChunkRange(null, List.of(2, 50L))).sql())
                .endsWith("WHERE (`region` < ? OR (`region` = ? AND `id` <= ?))");
        assertThat(ChunkSql.checksum(ORDERS, new ChunkRange(List.of(2, 50L), null)).sql())
                .endsWith("WHERE (`region` > ? OR (`region` = ? AND `id` > ?))");
        assertThat(ChunkSql.checksum(ORDERS, ChunkRange.ALL).sql()).endsWith("FORCE INDEX (`PRIMARY`)");
    }

    @Test
    void checksumHashesEveryColumnWithNullMarkersOnTheServer() {
        String sql = ChunkSql.checksum(ORDERS, ChunkRange.ALL).sql();
        String image = "CONCAT_WS('#', `region`, `id`, CONVERT(`note` USING utf8mb4),"
                + " CONCAT(ISNULL(`region`), ISNULL(`id`), ISNULL(`note`)))";
        assertThat(sql).startsWith("SELECT COUNT(*), COALESCE(BIT_XOR(CRC32(" + image + ")), 0) FROM ");
    }

    @Test
    void aTableWithoutKeyAlsoSumsItsCrcsSoThatDuplicateRowsDoNotCancelOut() {
        assertThat(ChunkSql.checksum(LOG, ChunkRange.ALL).sql()).contains("COALESCE(BIT_XOR(CRC32(")
                .contains("COALESCE(SUM(CRC32(");
    }

    @Test
    void nthKeyAfterABoundOrFromTheStart() {
        SqlStatement first = ChunkSql.nthKey(ORDERS, null, 1000);
        assertThat(first.sql()).isEqualTo("SELECT `region`, `id` FROM `shop`.`orders` FORCE INDEX (`PRIMARY`)"
                + " ORDER BY `region`, `id` LIMIT 1 OFFSET ?");
        assertThat(first.params()).containsExactly(999);
        SqlStatement next = ChunkSql.nthKey(ORDERS, List.of(3, 7L), 10);
        assertThat(next.sql()).contains(" WHERE (`region` > ? OR (`region` = ? AND `id` > ?)) ORDER BY");
        assertThat(next.params()).containsExactly(3, 3, 7L, 9);
    }

    @Test
    void nthKeyWithinARangeStaysBelowItsUpperBound() {
        SqlStatement within = ChunkSql.nthKeyWithin(ORDERS, new ChunkRange(List.of(3, 7L), List.of(4, 1L)), 50);
        assertThat(within.sql()).contains(" WHERE (`region` > ? OR (`region` = ? AND `id` > ?))"
                + " AND (`region` < ? OR (`region` = ? AND `id` <= ?)) ORDER BY `region`, `id` LIMIT 1 OFFSET ?");
        assertThat(within.params()).containsExactly(3, 3, 7L, 4, 4, 1L, 49);
    }

    @Test
    void keyBoundsOfAOneColumnKeyOnly() {
        TableShape items = new TableShape("shop", "items", List.of(new Column("id", "bigint"), new Column("name", "varchar")),
                new ChunkKey(ChunkKey.Kind.PRIMARY, "PRIMARY", List.of("id")));
        assertThat(ChunkSql.keyBounds(items).sql()).isEqualTo("SELECT MIN(`id`), MAX(`id`) FROM `shop`.`items` FORCE INDEX (`PRIMARY`)");
        assertThatThrownBy(() -> ChunkSql.keyBounds(ORDERS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowHashesReadKeysOrWholeRowsWithoutAKey() {
        assertThat(ChunkSql.rowHashes(ORDERS, ChunkRange.ALL).sql()).startsWith("SELECT `region`, `id`, SHA2(CONCAT_WS(");
        assertThat(ChunkSql.rowHashes(LOG, ChunkRange.ALL).sql()).startsWith("SELECT `at`, `line`, SHA2(CONCAT_WS(")
                .endsWith("FROM `shop`.`log`");
    }

    @Test
    void aTableWithoutKeyHasOnlyTheWholeTableChunk() {
        assertThatThrownBy(() -> ChunkSql.nthKey(LOG, null, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkSql.checksum(LOG, new ChunkRange(List.of(1), null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identifiersAreQuoted() {
        assertThat(ChunkSql.quote("we`ird")).isEqualTo("`we``ird`");
    }
}
