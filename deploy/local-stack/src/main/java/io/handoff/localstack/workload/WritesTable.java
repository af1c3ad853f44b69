package io.handoff.localstack.workload;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * The table every workload writes to, {@code <schema>.handoff_writes}: one row per insert, keyed by the
 * workload's unique id. The SQL that names it lives here only (prepare, insert and the lost-writes check
 * all use it).
 */
public final class WritesTable {
    /** The table's name inside an application's schema. */
    public static final String NAME = "handoff_writes";

    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private WritesTable() {
    }

    /**
     * Creates the schema and the table if they do not exist, on the server {@code connection} reaches.
     * The statements are binlogged as usual; a caller that must not create GTIDs there (a replica in
     * GTID strict mode) sets {@code sql_log_bin=0} on the connection first.
     */
    public static void create(Connection connection, String schema) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE IF NOT EXISTS `" + requireValidSchema(schema) + "`");
            sql.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName(schema) + " ("
                    + "id BIGINT PRIMARY KEY, "
                    + "application VARCHAR(64) NOT NULL, "
                    + "thread INT NOT NULL, "
                    + "written_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))");
        }
    }

    /** {@code `schema`.`handoff_writes`}. */
    public static String qualifiedName(String schema) {
        return "`" + requireValidSchema(schema) + "`.`" + NAME + "`";
    }

    /**
     * Returns {@code schema} if it is a plain identifier (letters, digits, underscore; at most 64), the
     * only kind the workload puts into SQL text.
     */
    public static String requireValidSchema(String schema) {
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must match " + SCHEMA + ": " + schema);
        }
        return schema;
    }

    static String insertSql(String schema) {
        return "INSERT INTO " + qualifiedName(schema) + " (id, application, thread, written_at) VALUES (?, ?, ?, NOW(6))";
    }

    static String selectIdsSql(String schema, int count) {
        return "SELECT id FROM " + qualifiedName(schema) + " WHERE id IN (" + "?,".repeat(count - 1) + "?)";
    }
}
