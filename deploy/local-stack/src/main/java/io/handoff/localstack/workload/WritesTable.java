package io.handoff.localstack.workload;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * The tables every workload writes to: {@code <schema>.handoff_writes}, one row per insert, keyed by the
 * workload's unique id, its {@code val} changed by updates, some rows deleted; {@code handoff_accounts}, whose
 * balances transfers move; {@code handoff_transfers}, one row per transfer. The SQL that names them lives here
 * only (prepare, the writes and the lost-writes check all use it).
 */
public final class WritesTable {
    /** The table's name inside an application's schema. */
    public static final String NAME = "handoff_writes";
    /** The balances that transfers move amounts between: {@value #ACCOUNT_ROWS} rows of {@value #INITIAL_BALANCE}. */
    public static final String ACCOUNTS = "handoff_accounts";
    /** One row per transfer, written in the transfer's transaction: what reconciles an in-doubt transfer. */
    public static final String TRANSFERS = "handoff_transfers";
    /** Rows of {@link #ACCOUNTS}, ids 1..n. */
    public static final int ACCOUNT_ROWS = 4;
    /** Each account's balance at creation; the sum of all balances stays {@code ACCOUNT_ROWS * INITIAL_BALANCE}. */
    public static final long INITIAL_BALANCE = 1_000_000;

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
                    + "written_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), "
                    + "val BIGINT NOT NULL DEFAULT 0)");
            sql.execute("CREATE TABLE IF NOT EXISTS " + table(schema, ACCOUNTS) + " (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
            sql.execute("CREATE TABLE IF NOT EXISTS " + table(schema, TRANSFERS) + " (id BIGINT PRIMARY KEY, "
                    + "from_account INT NOT NULL, to_account INT NOT NULL, amount BIGINT NOT NULL)");
            StringBuilder accounts = new StringBuilder("INSERT IGNORE INTO " + table(schema, ACCOUNTS) + " (id, balance) VALUES ");
            for (int id = 1; id <= ACCOUNT_ROWS; id++) {
                accounts.append(id == 1 ? "" : ", ").append('(').append(id).append(", ").append(INITIAL_BALANCE).append(')');
            }
            sql.execute(accounts.toString());
        }
    }

    /** {@code `schema`.`table`} of one of this class's tables. */
    public static String table(String schema, String table) {
        return "`" + requireValidSchema(schema) + "`.`" + table + "`";
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

    /** Rows (id, val) of {@link #NAME} among ids; {@code %s} stands for the list of {@code ?}. */
    static String selectValuesTemplate(String schema) {
        return "SELECT id, val FROM " + qualifiedName(schema) + " WHERE id IN (%s)";
    }

    /** Rows (id, id) of {@link #TRANSFERS} among ids; {@code %s} stands for the list of {@code ?}. */
    static String selectTransfersTemplate(String schema) {
        return "SELECT id, id FROM " + table(schema, TRANSFERS) + " WHERE id IN (%s)";
    }

    static String updateSql(String schema) {
        return "UPDATE " + qualifiedName(schema) + " SET val = ? WHERE id = ?";
    }

    static String deleteSql(String schema) {
        return "DELETE FROM " + qualifiedName(schema) + " WHERE id = ?";
    }

    static String moveSql(String schema) {
        return "UPDATE " + table(schema, ACCOUNTS) + " SET balance = balance + ? WHERE id = ?";
    }

    static String recordTransferSql(String schema) {
        return "INSERT INTO " + table(schema, TRANSFERS) + " (id, from_account, to_account, amount) VALUES (?, ?, ?, ?)";
    }

    static String balancesSql(String schema) {
        return "SELECT id, balance FROM " + table(schema, ACCOUNTS) + " ORDER BY id";
    }
}
