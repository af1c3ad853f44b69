package io.handoff.cutover.cluster;

import io.handoff.common.sql.ReplicaStatusColumns;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import io.handoff.common.sql.SystemSchemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The few reads the steps need that {@link SqlDialect} does not offer yet. Each is the same on every
 * MySQL-compatible flavor (MySQL 8, MariaDB, Aurora MySQL), so nothing here depends on the flavor;
 * they belong in the dialect and should move there ({@code SqlDialect#readOnlyState()},
 * {@code SqlDialect#connectionId()}, {@code ReplicaStatusColumns#sourcePort()}).
 */
public final class PortableSql {

    private PortableSql() {
    }

    /** {@code SELECT CONNECTION_ID()}: the server's id of this session. */
    /**
     * The sessions that introduced themselves with {@code program_name} {@code program} (connection attributes): one
     * column, the process-list id; no row where the server keeps no connection attributes (MariaDB without
     * performance_schema).
     */
    public static SqlStatement sessionsOfProgram(String program) {
        return SqlStatement.of("SELECT PROCESSLIST_ID FROM performance_schema.session_connect_attrs"
                + " WHERE ATTR_NAME = 'program_name' AND ATTR_VALUE = ?", program);
    }

    static SqlStatement connectionId() {
        return SqlStatement.of("SELECT CONNECTION_ID()");
    }

    /**
     * {@code SELECT @@GLOBAL.read_only}: 1 when the server refuses writes of accounts without the
     * read-only bypass privilege. (On MySQL 8 {@code super_read_only} is set alongside by the dialect;
     * this reads the switch every flavor has.)
     */
    static SqlStatement readOnlyState() {
        return SqlStatement.of("SELECT @@GLOBAL.read_only");
    }

    /**
     * The replica status column holding the source's port: {@code Master_Port} next to
     * {@code Master_Host} (MariaDB), {@code Source_Port} next to {@code Source_Host} (MySQL 8).
     */
    static String sourcePortColumn(ReplicaStatusColumns columns) {
        return columns.sourceHost().replace("Host", "Port");
    }

    /**
     * The procedures of {@code schema} that the account can see (one string column, the name):
     * {@code information_schema.ROUTINES} lists those it may execute, alter or create, and every one with
     * SHOW_ROUTINE.
     */
    public static SqlStatement procedures(String schema) {
        return SqlStatement.of("SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?"
                + " AND ROUTINE_TYPE = 'PROCEDURE' ORDER BY ROUTINE_NAME", schema);
    }

    /**
     * MySQL (8.0.16+): the accounts holding SYSTEM_USER, columns user and host. Only an account that holds it may alter
     * such an account or name it as a stored object's definer; Aurora MySQL 3's master user does not hold it.
     */
    public static SqlStatement systemUsers() {
        return SqlStatement.of("SELECT USER, HOST FROM mysql.global_grants WHERE PRIV = 'SYSTEM_USER' ORDER BY USER, HOST");
    }

    /**
     * Base tables of the application schemas (all but {@link SystemSchemas}, or only {@code schemas}
     * when not empty): columns {@code table_schema}, {@code table_name}, {@code engine},
     * {@code has_primary_key} (0 or 1).
     */
    public static SqlStatement baseTables(Collection<String> schemas) {
        String sql = "SELECT t.TABLE_SCHEMA AS table_schema, t.TABLE_NAME AS table_name, t.ENGINE AS engine,"
                + " EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA"
                + " AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY') AS has_primary_key,"
                + " (SELECT GROUP_CONCAT(j.COLUMN_NAME ORDER BY j.ORDINAL_POSITION) FROM information_schema.COLUMNS j"
                + " WHERE j.TABLE_SCHEMA = t.TABLE_SCHEMA AND j.TABLE_NAME = t.TABLE_NAME AND j.DATA_TYPE = 'json') AS json_columns"
                + " FROM information_schema.TABLES t WHERE t.TABLE_TYPE = 'BASE TABLE' AND " + schemaFilter("t.TABLE_SCHEMA", schemas)
                + " ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME";
        return new SqlStatement(sql, schemaParams(schemas), List.of());
    }

    /**
     * The definers of the stored objects of the application schemas: columns {@code kind}
     * ({@code ROUTINE}, {@code VIEW}, {@code TRIGGER}, {@code EVENT}), {@code object_schema},
     * {@code object_name}, {@code definer} ({@code user@host}), {@code status} (an event's {@code STATUS}, else NULL).
     */
    public static SqlStatement definers(Collection<String> schemas) {
        String[][] sources = {
                {"ROUTINE", "ROUTINE_SCHEMA", "ROUTINE_NAME", "ROUTINES", "NULL"},
                {"VIEW", "TABLE_SCHEMA", "TABLE_NAME", "VIEWS", "NULL"},
                {"TRIGGER", "TRIGGER_SCHEMA", "TRIGGER_NAME", "TRIGGERS", "NULL"},
                {"EVENT", "EVENT_SCHEMA", "EVENT_NAME", "EVENTS", "STATUS"}};
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (String[] source : sources) {
            if (sql.length() > 0) {
                sql.append(" UNION ALL ");
            }
            sql.append("SELECT '").append(source[0]).append("' AS kind, ").append(source[1]).append(" AS object_schema, ")
                    .append(source[2]).append(" AS object_name, DEFINER AS definer, ").append(source[4])
                    .append(" AS status FROM information_schema.").append(source[3])
                    .append(" WHERE ").append(schemaFilter(source[1], schemas));
            params.addAll(schemaParams(schemas));
        }
        return new SqlStatement(sql.toString(), params, List.of());
    }

    /**
     * The events of {@code schemas} (every application schema when empty) whose {@code STATUS} is one of {@code statuses}:
     * columns {@code EVENT_SCHEMA}, {@code EVENT_NAME}, {@code DEFINER} ({@code user@host}), sorted by schema and name.
     */
    public static SqlStatement events(Collection<String> statuses, Collection<String> schemas) {
        List<Object> params = new ArrayList<>(statuses);
        params.addAll(schemaParams(schemas));
        return new SqlStatement("SELECT EVENT_SCHEMA, EVENT_NAME, DEFINER FROM information_schema.EVENTS WHERE STATUS IN ("
                + String.join(", ", Collections.nCopies(statuses.size(), "?")) + ") AND " + schemaFilter("EVENT_SCHEMA", schemas)
                + " ORDER BY EVENT_SCHEMA, EVENT_NAME", params, List.of());
    }

    /** The application schemas (all but {@link SystemSchemas}): one column, many rows. */
    public static SqlStatement applicationSchemas() {
        return new SqlStatement("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE "
                + schemaFilter("SCHEMA_NAME", List.of()) + " ORDER BY SCHEMA_NAME", schemaParams(List.of()), List.of());
    }

    /** {@code SELECT COUNT(*)} of one table. */
    public static SqlStatement countRows(String schema, String table) {
        return SqlStatement.of("SELECT COUNT(*) FROM " + identifier(schema) + "." + identifier(table));
    }

    /** MySQL only: the GTIDs of {@code set} that {@code subtracted} does not hold, one string column. */
    public static SqlStatement gtidSubtract(String set, String subtracted) {
        return SqlStatement.of("SELECT GTID_SUBTRACT(?, ?)", set, subtracted);
    }

    /** {@code name} as a back-quoted identifier. */
    public static String identifier(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not an identifier: " + name);
        }
        return "`" + name.replace("`", "``") + "`";
    }

    private static String schemaFilter(String column, Collection<String> schemas) {
        List<String> names = schemas.isEmpty() ? SystemSchemas.NAMES : List.copyOf(schemas);
        return column + (schemas.isEmpty() ? " NOT IN (" : " IN (") + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
    }

    private static List<Object> schemaParams(Collection<String> schemas) {
        return new ArrayList<>(schemas.isEmpty() ? SystemSchemas.NAMES : List.copyOf(schemas));
    }
}
