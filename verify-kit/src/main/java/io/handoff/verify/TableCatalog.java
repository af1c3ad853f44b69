package io.handoff.verify;

import io.handoff.common.sql.HeartbeatFence;
import io.handoff.common.sql.SqlStatement;
import io.handoff.common.sql.SystemSchemas;
import io.handoff.verify.KeyChoice.IndexColumn;
import io.handoff.verify.TableShape.Column;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Reads schemas, tables, columns and keys from a server's {@code information_schema}. */
public final class TableCatalog {
    /** Schemas VERIFY never checks by default: the servers' own and the monitor's heartbeat schema. */
    public static final List<String> SKIPPED_SCHEMAS = Stream.concat(SystemSchemas.NAMES.stream(), Stream.of(HeartbeatFence.SCHEMA))
            .toList();

    private TableCatalog() {
    }

    /** The schemas VERIFY checks when the command names none: every one but {@link #SKIPPED_SCHEMAS}, by name. */
    static List<String> defaultSchemas(VerifyConnection server) throws SQLException {
        String placeholders = String.join(", ", SKIPPED_SCHEMAS.stream().map(s -> "?").toList());
        return strings(server, new SqlStatement("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ("
                + placeholders + ") ORDER BY SCHEMA_NAME", new ArrayList<>(SKIPPED_SCHEMAS), List.of()));
    }

    /** The base tables of {@code schema}, by name (none when the schema does not exist). */
    static List<String> tables(VerifyConnection server, String schema) throws SQLException {
        return strings(server, SqlStatement.of("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", schema));
    }

    /** The columns of a table as {@code name type} in ordinal order, for comparing both servers' tables. */
    static List<Column> columns(VerifyConnection server, String schema, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (List<Object> row : server.rows(SqlStatement.of("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", schema, table))) {
            columns.add(new Column(row.get(0).toString(), row.get(1).toString().toLowerCase(Locale.ROOT)));
        }
        return columns;
    }

    /** The shape of a table: its columns and its chunk key (see {@link KeyChoice}). */
    static TableShape shape(VerifyConnection server, String schema, String table) throws SQLException {
        List<Column> columns = columns(server, schema, table);
        Set<String> nullable = new HashSet<>(strings(server, SqlStatement.of("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND IS_NULLABLE = 'YES'", schema, table)));
        List<IndexColumn> indexes = new ArrayList<>();
        Set<String> prefixIndexes = new HashSet<>();
        for (List<Object> row : server.rows(SqlStatement.of("SELECT INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, NULLABLE,"
                + " SUB_PART FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", schema, table))) {
            String index = row.get(0).toString();
            if (row.get(5) != null) {
                prefixIndexes.add(index);
            }
            indexes.add(new IndexColumn(index, Long.parseLong(row.get(1).toString()) == 0,
                    Integer.parseInt(row.get(2).toString()), row.get(3).toString(), "YES".equals(String.valueOf(row.get(4)))));
        }
        // A prefix index orders and separates rows by a prefix only: chunks cut on it would not be ranges of its values.
        indexes.removeIf(column -> prefixIndexes.contains(column.index()));
        return new TableShape(schema, table, columns, KeyChoice.choose(indexes, nullable));
    }

    private static List<String> strings(VerifyConnection server, SqlStatement statement) throws SQLException {
        return server.rows(statement).stream().map(row -> row.get(0).toString()).toList();
    }
}
