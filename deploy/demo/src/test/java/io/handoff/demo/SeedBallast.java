package io.handoff.demo;

import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A table on the source large enough (about 60 MB) that a seed copies it for seconds: the seed drills cut the seed
 * while it is read, then compare it on both servers.
 */
final class SeedBallast {
    static final int ROWS = 150_000;

    private final DrillRig rig;
    private final String schema;
    private final String table;

    SeedBallast(DrillRig rig, String schema) {
        this.rig = rig;
        this.schema = schema;
        this.table = "`" + schema + "`.`ballast`";
    }

    /** Creates and fills it on the source. */
    void create() throws SQLException {
        rig.pair().execute("source", "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, payload VARCHAR(400) NOT NULL)");
        rig.pair().execute("source", "INSERT INTO " + table + " SELECT seq, REPEAT(MD5(seq), 12) FROM `" + schema + "`.seq_1_to_" + ROWS);
    }

    /** Whether another session on the source runs a statement holding {@code fromClause} (how the seed names the table). */
    boolean readWith(String fromClause) throws SQLException {
        try (Connection connection = rig.stack().source().connect(rig.stack().accounts().admin());
                Statement sql = connection.createStatement();
                ResultSet count = sql.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%"
                        + fromClause + "%' AND ID <> CONNECTION_ID()")) {
            count.next();
            return count.getInt(1) > 0;
        }
    }

    /** The chunks a parallel seed's ledger on the target marks done (0 without a ledger). */
    long chunksDoneOnTarget() throws SQLException {
        try (Connection connection = rig.stack().target().connect(rig.stack().accounts().admin());
                Statement sql = connection.createStatement();
                ResultSet ledger = sql.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = 'handoff_seed' AND TABLE_NAME = 'chunks'")) {
            ledger.next();
            if (ledger.getInt(1) == 0) {
                return 0;
            }
        }
        try (Connection connection = rig.stack().target().connect(rig.stack().accounts().admin());
                Statement sql = connection.createStatement();
                ResultSet done = sql.executeQuery("SELECT COUNT(*) FROM handoff_seed.chunks WHERE done")) {
            done.next();
            return done.getLong(1);
        } catch (SQLException e) {
            return 0; // dropped in between: the seed finished
        }
    }

    /** "rows distinct-keys checksum" of it on {@code server}. */
    String state(DatabaseServer server) throws SQLException {
        try (Connection connection = server.connect(rig.stack().accounts().admin()); Statement sql = connection.createStatement()) {
            String counts;
            try (ResultSet count = sql.executeQuery("SELECT CONCAT(COUNT(*), ' ', COUNT(DISTINCT id)) FROM " + table)) {
                count.next();
                counts = count.getString(1);
            }
            try (ResultSet checksum = sql.executeQuery("CHECKSUM TABLE " + table)) {
                checksum.next();
                return counts + " " + checksum.getLong(2);
            }
        }
    }
}
