package io.handoff.verify;

import java.util.List;

/**
 * What VERIFY needs to know about one table: its columns in order and the key chunks are cut on.
 *
 * @param schema  schema name
 * @param name    table name
 * @param columns every column, in ordinal order
 * @param key     the chosen key: its index and columns, or {@link ChunkKey#NONE}
 */
public record TableShape(String schema, String name, List<Column> columns, ChunkKey key) {

    public TableShape {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(schema + "." + name + " has no columns");
        }
    }

    /** {@code schema.table}, as DriftReports and facts name it. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    /** {@code `schema`.`table`}, for SQL. */
    public String quotedName() {
        return ChunkSql.quote(schema) + "." + ChunkSql.quote(name);
    }

    /** Whether the table is checked as one chunk, rows named by their content. */
    public boolean wholeTable() {
        return key.columns().isEmpty();
    }

    /**
     * A column.
     *
     * @param name     column name
     * @param dataType {@code information_schema.COLUMNS.DATA_TYPE}, lower case
     */
    public record Column(String name, String dataType) {

        /** Character data, compared as utf8mb4 text so that a target with another charset agrees. */
        public boolean textual() {
            return switch (dataType) {
                case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "json" -> true;
                default -> false;
            };
        }
    }

    /**
     * The key a table is chunked on.
     *
     * @param kind    primary key, unique key on NOT NULL columns, or none
     * @param index   the index name ({@code PRIMARY} for the primary key); empty for none
     * @param columns the key's columns in index order; empty for none
     */
    public record ChunkKey(Kind kind, String index, List<String> columns) {
        /** No usable key: the table is checked as one chunk. */
        public static final ChunkKey NONE = new ChunkKey(Kind.NONE, "", List.of());

        public ChunkKey {
            columns = List.copyOf(columns);
            if ((kind == Kind.NONE) != columns.isEmpty()) {
                throw new IllegalArgumentException("a key of kind " + kind + " with columns " + columns);
            }
        }

        /** Where a table's chunk key comes from. */
        public enum Kind {
            /** The primary key. */
            PRIMARY,
            /** A unique key whose columns are all NOT NULL. */
            UNIQUE_NOT_NULL,
            /** None: the whole table is one chunk. */
            NONE
        }
    }
}
