package io.handoff.verify;

import io.handoff.verify.TableShape.ChunkKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the key a table is chunked on, from its indexes as {@code information_schema.STATISTICS}
 * lists them: the primary key; else the unique key with the fewest columns whose columns are all NOT
 * NULL (ties: the first by name); else none, and the table is checked as one chunk. A unique key
 * with a nullable column does not identify rows (several NULLs are allowed), so it is never chosen.
 */
public final class KeyChoice {

    private KeyChoice() {
    }

    /**
     * One column of one index.
     *
     * @param index    index name
     * @param unique   {@code NON_UNIQUE = 0}
     * @param position {@code SEQ_IN_INDEX}, from 1
     * @param column   column name
     * @param nullable {@code NULLABLE = 'YES'}
     */
    public record IndexColumn(String index, boolean unique, int position, String column, boolean nullable) {
    }

    /** The chunk key of a table with {@code indexes}; {@code nullableColumns} are its columns that allow NULL. */
    public static ChunkKey choose(List<IndexColumn> indexes, Set<String> nullableColumns) {
        Map<String, List<IndexColumn>> byIndex = new LinkedHashMap<>();
        indexes.stream()
                .sorted(Comparator.comparing(IndexColumn::index).thenComparingInt(IndexColumn::position))
                .forEach(column -> byIndex.computeIfAbsent(column.index(), i -> new ArrayList<>()).add(column));
        List<IndexColumn> primary = byIndex.get("PRIMARY");
        if (primary != null) {
            return new ChunkKey(ChunkKey.Kind.PRIMARY, "PRIMARY", names(primary));
        }
        return byIndex.entrySet().stream()
                .filter(index -> index.getValue().stream().allMatch(IndexColumn::unique))
                .filter(index -> index.getValue().stream()
                        .noneMatch(c -> c.nullable() || nullableColumns.contains(c.column())))
                .min(Comparator.<Map.Entry<String, List<IndexColumn>>>comparingInt(index -> index.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(index -> new ChunkKey(ChunkKey.Kind.UNIQUE_NOT_NULL, index.getKey(), names(index.getValue())))
                .orElse(ChunkKey.NONE);
    }

    private static List<String> names(List<IndexColumn> columns) {
        return columns.stream().map(IndexColumn::column).toList();
    }
}
