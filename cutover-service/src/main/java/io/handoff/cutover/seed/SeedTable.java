package io.handoff.cutover.seed;

import io.handoff.cutover.cluster.PortableSql;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One base table as a {@link ParallelSeed} copies it.
 *
 * @param schema        its schema
 * @param name          its name
 * @param columns       the columns a copy writes, in table order: every stored column but generated ones, which the
 *                      target computes itself
 * @param integerKey     the first column of its primary key when that is an integer: the copy splits the table into
 *                       ranges of it; otherwise the table is copied as one chunk
 * @param estimatedRows  the server's estimate of its rows (statistics, not a count)
 * @param estimatedBytes the server's estimate of its data's size ({@code DATA_LENGTH}), bytes
 */
record SeedTable(String schema, String name, List<Column> columns, Optional<String> integerKey, long estimatedRows,
        long estimatedBytes) {

    /**
     * A column the copy writes.
     *
     * @param name  its name
     * @param bytes {@code true} for character, binary, BIT and spatial types, whose values travel as the source stores
     *              them (a binary string, which the target stores unconverted); {@code false} for numbers, dates and
     *              times, ENUM, SET and JSON, which travel as text: a binary string is a number to MySQL where a number
     *              is expected (an index to an ENUM), and JSON refuses one
     * @param json  {@code true} for MySQL's JSON type, which refuses a value in the binary character set: a load that
     *              reads its values as binary strings ({@link LoadDataRows}) converts them to UTF-8 text first
     */
    record Column(String name, boolean bytes, boolean json) {
        private static final Set<String> BYTE_TYPES = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
                "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit", "geometry", "point", "linestring",
                "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection", "vector");

        /** The column of {@code dataType} ({@code information_schema.COLUMNS.DATA_TYPE}). */
        static Column of(String name, String dataType) {
            String type = dataType.toLowerCase(Locale.ROOT);
            return new Column(name, BYTE_TYPES.contains(type), type.equals("json"));
        }
    }

    SeedTable {
        columns = List.copyOf(columns);
    }

    /** {@code `schema`.`name`}. */
    String qualified() {
        return PortableSql.identifier(schema) + "." + PortableSql.identifier(name);
    }

    /** The copied columns, back-quoted and comma-separated. */
    String columnList() {
        return columns.stream().map(column -> PortableSql.identifier(column.name())).collect(Collectors.joining(", "));
    }

    /**
     * What a copy selects: each copied column, the text-typed ones cast to text on the server ({@code CAST(c AS CHAR)}),
     * so that the value travels as the server prints it and no driver reformats it (Connector/J prints a DECIMAL 0 as
     * {@code 0E-10} and drops a TIME's zero fraction; neither driver gives a number's bytes).
     */
    String selectList() {
        return columns.stream().map(column -> column.bytes() ? PortableSql.identifier(column.name())
                : "CAST(" + PortableSql.identifier(column.name()) + " AS CHAR)").collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
