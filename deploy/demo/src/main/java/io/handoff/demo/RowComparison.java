package io.handoff.demo;

import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares every table of the application schemas between a master and its replica at one GTID position,
 * while the applications go on writing to the master:
 * <ol>
 *   <li>the replica's applier is stopped (on MariaDB its receiver too, which {@code UNTIL MASTER_GTID_POS} needs);</li>
 *   <li>on the master, under {@code FLUSH TABLES WITH READ LOCK} for a few milliseconds, a consistent snapshot
 *       is opened and the master's GTID position {@code P} read (what mysqldump does for a consistent dump);</li>
 *   <li>the replica's applier runs until it has applied {@code P} and stops there ({@code UNTIL
 *       MASTER_GTID_POS} on MariaDB, {@code UNTIL SQL_AFTER_GTIDS} on MySQL);</li>
 *   <li>every row of every table is read on both sides (primary key, SHA-256 of all columns; MySQL 9.7 has no
 *       {@code MD5()}) and compared;</li>
 *   <li>the replica's applier is started again, whatever happened.</li>
 * </ol>
 * A table present on one side only counts as one difference; a row differing, or present on one side only,
 * counts as one and is named ({@code schema.table:key}).
 */
final class RowComparison {
    static final int NAMED = 20;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LOCK_TRIES = 3;
    /** ER_LOCK_WAIT_TIMEOUT, MySQL's and MariaDB's: a lock (here the global read lock) not granted within its timeout. */
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;

    /**
     * @param position      the GTID position both sides were read at
     * @param rowDiffs      rows (or tables) that differ; null when the comparison could not be made
     * @param keys          the first {@link #NAMED} differing keys
     * @param rowsCompared  rows read on the master
     * @param unknownReason why {@code rowDiffs} is null
     */
    record Result(String position, Long rowDiffs, List<String> keys, long rowsCompared, String unknownReason) {
        static Result unknown(String reason) {
            return new Result(null, null, List.of(), 0, reason);
        }
    }

    private RowComparison() {
    }

    /** Compares {@code schemas} between {@code master} and {@code replica} (which must replicate from it). */
    static Result compare(DatabaseServer master, DatabaseServer replica, DbAccount admin, List<String> schemas) {
        boolean mysql = replica.flavor().isMySql();
        try (Connection onReplica = replica.connect(admin); Connection onMaster = master.connect(admin)) {
            String source = replicaSource(onReplica);
            if (!master.host().equals(source)) {
                return Result.unknown(replica.host() + " does not replicate from " + master.host() + " (source: " + source + ")");
            }
            // MariaDB runs UNTIL master_gtid_pos only with both threads stopped (the receiver stops there too).
            execute(onReplica, mysql ? "STOP REPLICA SQL_THREAD" : "STOP REPLICA");
            try {
                String position = openSnapshotAt(onMaster, master.flavor().isMySql());
                execute(onReplica, mysql ? "START REPLICA SQL_THREAD UNTIL SQL_AFTER_GTIDS = '" + position + "'"
                        : "START REPLICA UNTIL MASTER_GTID_POS = '" + position + "'");
                if (!reached(onReplica, position, mysql)) {
                    return Result.unknown(replica.host() + " did not reach " + position + " within " + WAIT.toSeconds() + " s");
                }
                awaitApplierStopped(onReplica);
                execute(onReplica, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
                Result result = compareAt(position, onMaster, onReplica, master, replica, schemas);
                onMaster.rollback();
                execute(onReplica, "ROLLBACK");
                return result;
            } finally {
                execute(onReplica, mysql ? "START REPLICA SQL_THREAD" : "START REPLICA");
            }
        } catch (SQLException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Result.unknown("comparison failed: " + e.getMessage());
        }
    }

    /**
     * Opens a consistent snapshot on the master at a GTID position it returns, holding writes back only meanwhile.
     * {@code FLUSH TABLES WITH READ LOCK} waits for every running statement, 10 s at most; it is tried {@value #LOCK_TRIES}
     * times, and each time it waited in vain, what ran on the master then is printed (and named in the failure): a
     * statement that held a lock that long is worth knowing of.
     */
    private static String openSnapshotAt(Connection onMaster, boolean mysql) throws SQLException {
        onMaster.setAutoCommit(false);
        for (int attempt = 1; ; attempt++) {
            try {
                return openSnapshotOnce(onMaster, mysql);
            } catch (SQLException e) {
                if (e.getErrorCode() != ER_LOCK_WAIT_TIMEOUT) {
                    throw e;
                }
                String running = running(onMaster);
                System.err.println("row comparison: FLUSH TABLES WITH READ LOCK waited 10 s in vain (attempt " + attempt + " of "
                        + LOCK_TRIES + "); running on the master: " + running);
                if (attempt == LOCK_TRIES) {
                    throw new SQLException(e.getMessage() + " (FLUSH TABLES WITH READ LOCK, " + LOCK_TRIES + " tries; running on"
                            + " the master at the last: " + running + ")", e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    /** The master's sessions that were not idle, as {@code id user command time state info}, for a failure's message. */
    private static String running(Connection onMaster) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Statement sql = onMaster.createStatement(); ResultSet row = sql.executeQuery("SELECT ID, USER, COMMAND, TIME, STATE,"
                + " LEFT(INFO, 120) FROM information_schema.PROCESSLIST WHERE COMMAND <> 'Sleep' AND ID <> CONNECTION_ID()")) {
            while (row.next()) {
                sessions.add(row.getLong(1) + " " + row.getString(2) + " " + row.getString(3) + " " + row.getLong(4) + "s "
                        + row.getString(5) + " " + row.getString(6));
            }
        }
        return sessions.toString();
    }

    private static String openSnapshotOnce(Connection onMaster, boolean mysql) throws SQLException {
        try (Statement sql = onMaster.createStatement()) {
            sql.execute("SET SESSION lock_wait_timeout = 10");
            sql.execute("FLUSH TABLES WITH READ LOCK");
            try {
                sql.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                try (ResultSet row = sql.executeQuery(mysql ? "SELECT @@GLOBAL.gtid_executed" : "SELECT @@GLOBAL.gtid_binlog_pos")) {
                    row.next();
                    return row.getString(1).replaceAll("\\s", "");
                }
            } finally {
                sql.execute("UNLOCK TABLES");
            }
        }
    }

    private static boolean reached(Connection onReplica, String position, boolean mysql) throws SQLException {
        try (PreparedStatement wait = onReplica.prepareStatement(mysql ? "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)"
                : "SELECT MASTER_GTID_WAIT(?, ?)")) {
            wait.setString(1, position);
            wait.setLong(2, WAIT.toSeconds());
            try (ResultSet row = wait.executeQuery()) {
                row.next();
                return row.getInt(1) == 0;
            }
        }
    }

    /** Waits until the applier stopped at its UNTIL position. */
    private static void awaitApplierStopped(Connection onReplica) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            try (Statement sql = onReplica.createStatement(); ResultSet status = sql.executeQuery("SHOW REPLICA STATUS")) {
                if (!status.next() || !"Yes".equalsIgnoreCase(column(status, "Replica_SQL_Running", "Slave_SQL_Running"))) {
                    return;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new SQLException("the replica's applier did not stop at its UNTIL position");
            }
            Thread.sleep(20);
        }
    }

    private static String replicaSource(Connection onReplica) throws SQLException {
        try (Statement sql = onReplica.createStatement(); ResultSet status = sql.executeQuery("SHOW REPLICA STATUS")) {
            return status.next() ? column(status, "Source_Host", "Master_Host") : "none";
        }
    }

    private static String column(ResultSet row, String mysqlName, String mariadbName) throws SQLException {
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
            String label = row.getMetaData().getColumnLabel(i);
            if (label.equalsIgnoreCase(mysqlName) || label.equalsIgnoreCase(mariadbName)) {
                return row.getString(i);
            }
        }
        throw new SQLException("no column " + mysqlName + " / " + mariadbName);
    }

    private static Result compareAt(String position, Connection onMaster, Connection onReplica, DatabaseServer master,
            DatabaseServer replica, List<String> schemas) throws SQLException {
        TreeSet<String> tables = new TreeSet<>(tables(onMaster, schemas));
        List<String> onReplicaTables = tables(onReplica, schemas);
        long diffs = 0;
        long compared = 0;
        List<String> keys = new ArrayList<>();
        for (String table : new TreeSet<>(union(tables, onReplicaTables))) {
            if (!tables.contains(table) || !onReplicaTables.contains(table)) {
                diffs++;
                name(keys, table + " (missing on " + (tables.contains(table) ? replica.host() : master.host()) + ")");
                continue;
            }
            String select = rowsQuery(onMaster, table);
            Map<String, String> a = rows(onMaster, select);
            Map<String, String> b = rows(onReplica, select);
            compared += a.size();
            for (String key : new TreeSet<>(union(a.keySet(), b.keySet()))) {
                if (!Objects.equals(a.get(key), b.get(key))) {
                    diffs++;
                    name(keys, table + ":" + key);
                }
            }
        }
        return new Result(position, diffs, keys, compared, null);
    }

    private static void name(List<String> keys, String key) {
        if (keys.size() < NAMED) {
            keys.add(key);
        }
    }

    private static <T> List<T> union(java.util.Collection<T> a, java.util.Collection<T> b) {
        List<T> all = new ArrayList<>(a);
        b.stream().filter(x -> !a.contains(x)).forEach(all::add);
        return all;
    }

    /** {@code schema.table} of every base table of {@code schemas}. */
    private static List<String> tables(Connection connection, List<String> schemas) throws SQLException {
        List<String> tables = new ArrayList<>();
        String in = String.join(",", schemas.stream().map(s -> "?").toList());
        try (PreparedStatement query = connection.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA IN (" + in + ")")) {
            for (int i = 0; i < schemas.size(); i++) {
                query.setString(i + 1, schemas.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1) + "." + rows.getString(2));
                }
            }
        }
        return tables;
    }

    /** SELECT of (key, SHA-256 of every column) for {@code table}; the key is the primary key, or the hash without one. */
    private static String rowsQuery(Connection connection, String table) throws SQLException {
        String[] parts = table.split("\\.", 2);
        List<String> columns = new ArrayList<>();
        List<String> primary = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT COLUMN_NAME, COLUMN_KEY FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            query.setString(1, parts[0]);
            query.setString(2, parts[1]);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(quoted(rows.getString(1)));
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT COLUMN_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX")) {
            query.setString(1, parts[0]);
            query.setString(2, parts[1]);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    primary.add(quoted(rows.getString(1)));
                }
            }
        }
        String hash = "SHA2(CONCAT_WS(',', " + String.join(", ", columns.stream().map(c -> "QUOTE(" + c + ")").toList()) + "), 256)";
        String key = primary.isEmpty() ? hash
                : "CONCAT_WS(',', " + String.join(", ", primary.stream().map(c -> "QUOTE(" + c + ")").toList()) + ")";
        return "SELECT " + key + ", " + hash + " FROM " + quoted(parts[0]) + "." + quoted(parts[1]);
    }

    /** key -> hash; rows without a primary key are keyed by their hash and a running count of equal rows. */
    private static Map<String, String> rows(Connection connection, String select) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery(select)) {
            while (result.next()) {
                String key = result.getString(1);
                String hash = result.getString(2);
                String unique = key;
                for (int n = 2; rows.containsKey(unique); n++) {
                    unique = key + "#" + n;
                }
                rows.put(unique, hash);
            }
        }
        return rows;
    }

    private static String quoted(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static void execute(Connection connection, String statement) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
