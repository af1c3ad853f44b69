package io.handoff.verify;

import io.handoff.common.event.DriftKind;
import io.handoff.common.step.MonitorFacts;
import java.util.Map;

/**
 * One difference VERIFY found: a row of {@code table} named by its chunk key (for a table without
 * one, by all its column values), or the whole table when {@code detail} says so.
 *
 * @param table  {@code schema.table}
 * @param key    key column to value (JSON-shaped); empty for a whole-table difference
 * @param kind   missing on the target, extra on the target, or different
 * @param detail {@code null} for a row; for a whole-table difference, what differs
 */
public record Difference(String table, Map<String, Object> key, DriftKind kind, String detail) {

    /** A row difference. */
    public static Difference row(String table, Map<String, Object> key, DriftKind kind) {
        return new Difference(table, key, kind, null);
    }

    /** A difference of the whole table (absent on one side, other columns). */
    public static Difference table(String table, DriftKind kind, String detail) {
        return new Difference(table, Map.of(), kind, detail);
    }

    /** Whether it concerns the whole table rather than one row. */
    public boolean wholeTable() {
        return detail != null;
    }

    /** The step fact: {@code {table, key, kind}} plus {@code detail} for a whole-table difference. */
    public MonitorFacts.Difference toFact() {
        return new MonitorFacts.Difference(table, key, kind.name(), detail);
    }
}
