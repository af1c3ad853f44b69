package io.handoff.verify;

import io.handoff.common.event.DriftKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the per-row hashes of one chunk as read from source and target. With a chunk key, rows
 * pair up by key: a key only on the source is MISSING, only on the target EXTRA, on both with other
 * hashes DIFFERENT. Without one, rows are compared as multisets of hashes: surplus copies on the
 * source are MISSING, on the target EXTRA (a changed row shows as one of each), each named by its
 * column values.
 */
public final class RowDiff {

    /**
     * One row as read.
     *
     * @param identity what pairs it with the other side: the key values as text (or, without a key, the hash)
     * @param key      how a difference names it: key column to value (without a key: every column)
     * @param hash     the hash of its image
     */
    public record RowImage(List<String> identity, Map<String, Object> key, String hash) {
    }

    private RowDiff() {
    }

    /**
     * The differences between {@code source} and {@code target} rows of one chunk, by identity (the
     * same identity across two comparisons means the same row, or the same surplus copy).
     */
    public static Map<List<String>, Difference> compare(String table, boolean byKey, List<RowImage> source,
            List<RowImage> target) {
        return byKey ? byKey(table, source, target) : byContent(table, source, target);
    }

    /**
     * The differences of {@code earlier} that are still in {@code now}, with their kind as of {@code now}:
     * what keeps differing over every comparison.
     */
    public static Map<List<String>, Difference> stillDiffering(Map<List<String>, Difference> earlier,
            Map<List<String>, Difference> now) {
        Map<List<String>, Difference> kept = new LinkedHashMap<>();
        earlier.keySet().forEach(identity -> {
            Difference current = now.get(identity);
            if (current != null) {
                kept.put(identity, current);
            }
        });
        return kept;
    }

    private static Map<List<String>, Difference> byKey(String table, List<RowImage> source, List<RowImage> target) {
        Map<List<String>, RowImage> targetRows = new HashMap<>();
        target.forEach(row -> targetRows.put(row.identity(), row));
        Map<List<String>, Difference> differences = new LinkedHashMap<>();
        for (RowImage row : source) {
            RowImage other = targetRows.remove(row.identity());
            if (other == null) {
                differences.put(row.identity(), Difference.row(table, row.key(), DriftKind.MISSING));
            } else if (!other.hash().equals(row.hash())) {
                differences.put(row.identity(), Difference.row(table, row.key(), DriftKind.DIFFERENT));
            }
        }
        for (RowImage row : target) {
            if (targetRows.containsKey(row.identity())) {
                differences.put(row.identity(), Difference.row(table, row.key(), DriftKind.EXTRA));
            }
        }
        return differences;
    }

    private static Map<List<String>, Difference> byContent(String table, List<RowImage> source, List<RowImage> target) {
        Map<String, List<RowImage>> sourceCopies = copies(source);
        Map<String, List<RowImage>> targetCopies = copies(target);
        Map<List<String>, Difference> differences = new LinkedHashMap<>();
        surplus(table, sourceCopies, targetCopies, DriftKind.MISSING, differences);
        surplus(table, targetCopies, sourceCopies, DriftKind.EXTRA, differences);
        return differences;
    }

    private static Map<String, List<RowImage>> copies(List<RowImage> rows) {
        Map<String, List<RowImage>> copies = new LinkedHashMap<>();
        rows.forEach(row -> copies.computeIfAbsent(row.hash(), h -> new ArrayList<>()).add(row));
        return copies;
    }

    private static void surplus(String table, Map<String, List<RowImage>> these, Map<String, List<RowImage>> others,
            DriftKind kind, Map<List<String>, Difference> differences) {
        these.forEach((hash, rows) -> {
            int otherCount = others.getOrDefault(hash, List.of()).size();
            for (int copy = otherCount; copy < rows.size(); copy++) {
                differences.put(List.of(kind.name(), hash, Integer.toString(copy)),
                        Difference.row(table, rows.get(copy).key(), kind));
            }
        });
    }
}
