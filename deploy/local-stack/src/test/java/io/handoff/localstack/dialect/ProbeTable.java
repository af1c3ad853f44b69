package io.handoff.localstack.dialect;

import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A scratch table on one server, created by root without binlogging, that an application account writes
 * to inside a transaction it rolls back: the probe leaves nothing in the binlog, so it never becomes a
 * transaction the other server would have to replicate or would see as errant.
 */
final class ProbeTable {
    static final String TABLE = "handoff_probe.writes";

    private ProbeTable() {
    }

    static void create(DatabaseServer server) {
        server.runAsRoot("SET sql_log_bin=0;\nCREATE DATABASE IF NOT EXISTS handoff_probe;\n"
                + "CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, at TIMESTAMP(6));\n");
    }

    /** Whether the application account may write now: a fresh session, an INSERT, a rollback. */
    static boolean applicationCanWrite(DatabaseServer server) throws SQLException {
        return canWrite(server.connect(server.accounts().app()));
    }

    static boolean canWrite(Connection session) throws SQLException {
        try (Connection connection = session; Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                sql.execute("INSERT INTO " + TABLE + " (at) VALUES (NOW(6))");
                return true;
            } catch (SQLException refused) {
                if (refused.getErrorCode() == 1290 || refused.getErrorCode() == 1836) {
                    return false; // ER_OPTION_PREVENTS_STATEMENT (read_only) / ER_READ_ONLY_MODE
                }
                throw refused;
            } finally {
                connection.rollback();
            }
        }
    }
}
