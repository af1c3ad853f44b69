package io.handoff.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.verify.KeyChoice.IndexColumn;
import io.handoff.verify.TableShape.ChunkKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyChoiceTest {

    @Test
    void primaryKeyWinsInIndexOrder() {
        ChunkKey key = KeyChoice.choose(List.of(
                new IndexColumn("uq_code", true, 1, "code", false),
                new IndexColumn("PRIMARY", true, 2, "id", false),
                new IndexColumn("PRIMARY", true, 1, "region", false)), Set.of());
        assertThat(key).isEqualTo(new ChunkKey(ChunkKey.Kind.PRIMARY, "PRIMARY", List.of("region", "id")));
    }

    @Test
    void withoutPrimaryKeyTheNarrowestUniqueNotNullKey() {
        ChunkKey key = KeyChoice.choose(List.of(
                new IndexColumn("uq_wide", true, 1, "a", false),
                new IndexColumn("uq_wide", true, 2, "b", false),
                new IndexColumn("uq_code", true, 1, "code", false),
                new IndexColumn("ix_b", false, 1, "b", false)), Set.of());
        assertThat(key).isEqualTo(new ChunkKey(ChunkKey.Kind.UNIQUE_NOT_NULL, "uq_code", List.of("code")));
    }

    @Test
    void uniqueKeysOverNullableColumnsAndPlainIndexesDoNotCount() {
        ChunkKey key = KeyChoice.choose(List.of(
                new IndexColumn("uq_email", true, 1, "email", true),
                new IndexColumn("uq_pair", true, 1, "a", false),
                new IndexColumn("uq_pair", true, 2, "b", false),
                new IndexColumn("ix_name", false, 1, "name", false)), Set.of("b"));
        assertThat(key).isEqualTo(ChunkKey.NONE);
    }
}
