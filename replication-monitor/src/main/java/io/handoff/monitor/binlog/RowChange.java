package io.handoff.monitor.binlog;

import io.handoff.monitor.drift.RowShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row change the binlog tail saw on the source, reduced to what checking it on the target needs:
 * the row's key, the hash of its after-image (none for a delete) and the source transaction's GTID.
 * The after-image itself is not kept, so that a full backlog stays small.
 *
 * @param seq        position in the tail's stream of row changes, from 1; 0 until the backlog numbers it
 * @param schema     the source schema (database)
 * @param table      the table name
 * @param keyShape   the primary key columns
 * @param key        the primary key values, as Debezium converted them, in {@code keyShape} order
 * @param delete     {@code true} when the row was deleted: the target must not have it
 * @param imageShape the after-image's columns, {@code null} for a delete
 * @param imageHash  the after-image's {@link io.handoff.monitor.drift.RowHash}, 0 for a delete
 * @param gtid       the source transaction's GTID, or {@code null} when the source runs without GTIDs
 */
public record RowChange(long seq, String schema, String table, RowShape keyShape, List<Object> key, boolean delete,
        RowShape imageShape, long imageHash, String gtid) {

    /** Copies the key (which may hold nulls). */
    public RowChange {
        key = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(key));
    }

    /** This change numbered {@code seq}. */
    public RowChange withSeq(long seq) {
        return new RowChange(seq, schema, table, keyShape, key, delete, imageShape, imageHash, gtid);
    }

    /** {@code schema.table}. */
    public String qualifiedTable() {
        return schema + "." + table;
    }

    /** Identifies the row (table and canonical key) among all rows of all tables. */
    public String rowId() {
        StringBuilder id = new StringBuilder(qualifiedTable());
        for (int i = 0; i < key.size(); i++) {
            id.append('\u0001').append(keyShape.kinds().get(i).canonical(key.get(i)));
        }
        return id.toString();
    }

    /** The key as a DriftReport names it: column to value, JSON-shaped. */
    public Map<String, Object> reportedKey() {
        Map<String, Object> reported = new LinkedHashMap<>();
        for (int i = 0; i < key.size(); i++) {
            reported.put(keyShape.columns().get(i), keyShape.kinds().get(i).reported(key.get(i)));
        }
        return reported;
    }
}
