package io.handoff.monitor.drift;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * The columns of one table version, in order, each with how it is compared. Built from a Debezium
 * row-image (or key) schema; Debezium reuses one schema object per table version, so callers cache
 * shapes by schema identity.
 *
 * @param columns column names in image order
 * @param kinds   the kind of each column
 */
public record RowShape(List<String> columns, List<ColumnKind> kinds) {

    /** Copies both lists. */
    public RowShape {
        columns = List.copyOf(columns);
        kinds = List.copyOf(kinds);
        if (columns.size() != kinds.size()) {
            throw new IllegalArgumentException("RowShape: " + columns.size() + " columns, " + kinds.size() + " kinds");
        }
    }

    /** The shape of a Connect struct schema. */
    public static RowShape of(Schema struct) {
        List<String> columns = new ArrayList<>();
        List<ColumnKind> kinds = new ArrayList<>();
        for (Field field : struct.fields()) {
            columns.add(field.name());
            kinds.add(ColumnKind.of(field.schema()));
        }
        return new RowShape(columns, kinds);
    }

    public int size() {
        return columns.size();
    }
}
