package io.handoff.cutover.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads, from {@code information_schema}, the base tables of some schemas as a {@link ParallelSeed} copies them. */
final class SeedTables {
    private static final Set<String> INTEGER_TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "bigint");

    private SeedTables() {
    }

    /** The base tables of {@code schemas}, largest first (by the server's estimate). */
    static List<SeedTable> of(Connection source, Collection<String> schemas) throws SQLException {
        freshStatistics(source);
        String in = in(schemas);
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        query(source, "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH FROM information_schema.TABLES"
                + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA " + in + " ORDER BY TABLE_SCHEMA, TABLE_NAME", schemas,
                row -> {
                    rows.put(key(row.getString(1), row.getString(2)), row.getLong(3));
                    bytes.put(key(row.getString(1), row.getString(2)), row.getLong(4));
                });
        Map<String, List<SeedTable.Column>> columns = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        query(source, "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, EXTRA FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA " + in + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION", schemas, row -> {
                    String table = key(row.getString(1), row.getString(2));
                    String type = row.getString(4).toLowerCase(java.util.Locale.ROOT);
                    types.put(table + "." + row.getString(3), type);
                    if (!generated(row.getString(5))) {
                        columns.computeIfAbsent(table, name -> new ArrayList<>()).add(SeedTable.Column.of(row.getString(3), type));
                    }
                });
        Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
        query(source, "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE INDEX_NAME = 'PRIMARY'"
                + " AND TABLE_SCHEMA " + in + " ORDER BY TABLE_SCHEMA, TABLE_NAME, SEQ_IN_INDEX", schemas,
                row -> primaryKeys.computeIfAbsent(key(row.getString(1), row.getString(2)), name -> new ArrayList<>())
                        .add(row.getString(3)));
        List<SeedTable> tables = new ArrayList<>();
        for (Map.Entry<String, Long> table : rows.entrySet()) {
            String[] name = table.getKey().split("\u0000", 2);
            List<String> keyColumns = primaryKeys.getOrDefault(table.getKey(), List.of());
            // The primary key's first column: ranges of it are disjoint and cover every row, whatever the key's other columns.
            Optional<String> integerKey = !keyColumns.isEmpty()
                    && INTEGER_TYPES.contains(types.get(table.getKey() + "." + keyColumns.get(0)))
                    ? Optional.of(keyColumns.get(0)) : Optional.empty();
            tables.add(new SeedTable(name[0], name[1], columns.getOrDefault(table.getKey(), List.of()), integerKey, table.getValue(),
                    bytes.getOrDefault(table.getKey(), 0L)));
        }
        tables.sort((left, right) -> Long.compare(right.estimatedRows(), left.estimatedRows()));
        return tables;
    }

    /** MySQL caches table statistics in information_schema for a day by default; MariaDB reads them live. */
    private static void freshStatistics(Connection source) {
        try (Statement sql = source.createStatement()) {
            sql.execute("SET SESSION information_schema_stats_expiry = 0");
        } catch (SQLException e) {
            // MariaDB: no such variable, and nothing cached
        }
    }

    private static boolean generated(String extra) {
        String upper = extra == null ? "" : extra.toUpperCase(java.util.Locale.ROOT);
        return upper.contains("VIRTUAL GENERATED") || upper.contains("STORED GENERATED") || upper.contains("PERSISTENT GENERATED");
    }

    private static String key(String schema, String table) {
        return schema + "\u0000" + table;
    }

    interface RowAction {
        void accept(ResultSet row) throws SQLException;
    }

    /** {@code IN (?, ...)} with a parameter for each of {@code schemas}, which {@link #query} binds. */
    static String in(Collection<String> schemas) {
        return "IN (" + String.join(", ", Collections.nCopies(schemas.size(), "?")) + ")";
    }

    /** Runs {@code sql}, whose parameters are the schemas' names, handing each row to {@code action}. */
    static void query(Connection source, String sql, Collection<String> schemas, RowAction action) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement(sql)) {
            int at = 1;
            for (String schema : schemas) {
                statement.setString(at++, schema);
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    action.accept(row);
                }
            }
        }
    }
}
