package io.handoff.monitor.binlog;

import io.handoff.monitor.drift.RowHash;
import io.handoff.monitor.drift.RowShape;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads Debezium's change events of the binlog connectors (the {@code before/after/source/op}
 * envelope, the key struct of the primary key). Used by the engine's thread only: it caches the
 * row shapes per schema object and owns a {@link RowHash}.
 */
public final class ChangeEvents {
    /** Shapes of the last schemas seen; Debezium replaces a table's schema object when its DDL changes. */
    private final Map<Schema, RowShape> shapes = new IdentityHashMap<>();
    private final RowHash hash = new RowHash();
    private final String ignoredSchema;

    /** @param ignoredSchema a schema whose rows are not checked (the monitor's own {@code handoff}) */
    public ChangeEvents(String ignoredSchema) {
        this.ignoredSchema = ignoredSchema;
    }

    /**
     * The row change of {@code record}; empty for what is not a row change to check: heartbeats,
     * schema changes, truncates, tables without primary key, the ignored schema.
     */
    public Optional<RowChange> rowChange(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null
                || value.schema().field("source") == null) {
            return Optional.empty();
        }
        String op = value.getString("op");
        Struct source = value.getStruct("source");
        String schema = source.getString("db");
        String table = source.getString("table");
        if (op == null || schema == null || table == null || schema.equalsIgnoreCase(ignoredSchema)) {
            return Optional.empty();
        }
        boolean delete = "d".equals(op);
        if (!delete && !"c".equals(op) && !"u".equals(op) && !"r".equals(op)) {
            return Optional.empty();
        }
        if (!(record.key() instanceof Struct key) || key.schema().fields().isEmpty()) {
            return Optional.empty(); // no primary key: the row cannot be looked up
        }
        RowShape keyShape = shape(key.schema());
        List<Object> keyValues = new ArrayList<>(keyShape.size());
        for (String column : keyShape.columns()) {
            keyValues.add(key.get(column));
        }
        RowShape imageShape = null;
        long imageHash = 0;
        if (!delete) {
            Struct after = value.getStruct("after");
            if (after == null) {
                return Optional.empty();
            }
            imageShape = shape(after.schema());
            imageHash = hash.of(imageShape, after);
        }
        return Optional.of(new RowChange(0, schema, table, keyShape, keyValues, delete, imageShape, imageHash,
                gtid(record)));
    }

    /** The GTID of the transaction {@code record} belongs to, or {@code null}. */
    public static String gtid(SourceRecord record) {
        if (record.value() instanceof Struct value && value.schema().field("source") != null) {
            Struct source = value.getStruct("source");
            if (source != null && source.schema().field("gtid") != null) {
                return source.getString("gtid");
            }
        }
        return null;
    }

    private RowShape shape(Schema schema) {
        RowShape shape = shapes.get(schema);
        if (shape == null) {
            if (shapes.size() > 10_000) {
                shapes.clear();
            }
            shape = RowShape.of(schema);
            shapes.put(schema, shape);
        }
        return shape;
    }
}
