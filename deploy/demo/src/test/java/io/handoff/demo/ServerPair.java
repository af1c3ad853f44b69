package io.handoff.demo;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The local stack's two servers as the drills see them: which one is writable ({@code @@read_only}),
 * whom the other replicates from, and a way to hold a replica's SQL thread so that a step waiting for it
 * (WAIT_SYNC, the lag gate) stays in flight until the drill lets it go. Each call uses its own admin
 * connection.
 */
final class ServerPair {
    private final LocalStack stack;

    ServerPair(LocalStack stack) {
        this.stack = stack;
    }

    DatabaseServer server(String cluster) {
        return switch (cluster) {
            case "source" -> stack.source();
            case "target" -> stack.target();
            default -> throw new IllegalArgumentException("no cluster " + cluster);
        };
    }

    static String other(String cluster) {
        return "source".equals(cluster) ? "target" : "source";
    }

    /** The clusters whose server has {@code @@read_only = 0}, in the order source, target. */
    List<String> writableClusters() throws SQLException {
        List<String> writable = new ArrayList<>();
        for (String cluster : List.of("source", "target")) {
            if (writable(server(cluster))) {
                writable.add(cluster);
            }
        }
        return writable;
    }

    boolean writable(DatabaseServer server) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT @@global.read_only")) {
            row.next();
            return row.getInt(1) == 0;
        }
    }

    /** "host io sql" of the server's replica configuration, or "not a replica". */
    String replicaOf(String cluster) throws SQLException {
        try (Connection connection = server(cluster).connect(stack.accounts().admin());
                Statement sql = connection.createStatement(); ResultSet status = sql.executeQuery("SHOW SLAVE STATUS")) {
            if (!status.next()) {
                return "not a replica";
            }
            return status.getString("Master_Host") + " " + status.getString("Slave_IO_Running") + " "
                    + status.getString("Slave_SQL_Running");
        }
    }

    /** Makes the server read-only as root would (a replica that is not yet fenced by any flip). */
    void makeReadOnly(String cluster) throws SQLException {
        execute(cluster, "SET GLOBAL read_only = 1");
    }

    /** Stops applying replicated events on the cluster (its IO thread goes on receiving them). */
    void holdApplying(String cluster) throws SQLException {
        execute(cluster, "STOP SLAVE SQL_THREAD");
    }

    /** Applies replicated events again after {@link #holdApplying}. */
    void releaseApplying(String cluster) throws SQLException {
        execute(cluster, "START SLAVE SQL_THREAD");
    }

    /** Whether the cluster's SQL thread runs and has applied everything its IO thread received. */
    boolean caughtUp(String cluster) throws SQLException {
        try (Connection connection = server(cluster).connect(stack.accounts().admin());
                Statement sql = connection.createStatement(); ResultSet status = sql.executeQuery("SHOW SLAVE STATUS")) {
            return status.next() && "Yes".equals(status.getString("Slave_SQL_Running"))
                    && status.getLong("Seconds_Behind_Master") == 0 && !status.wasNull()
                    && status.getString("Read_Master_Log_Pos").equals(status.getString("Exec_Master_Log_Pos"))
                    && status.getString("Master_Log_File").equals(status.getString("Relay_Master_Log_File"));
        }
    }

    /**
     * True once {@code cluster} has applied everything it received from its master, whether its replication still runs,
     * was stopped (STOP_REPLICA) or was reset (no replica any more): WAIT_SYNC has finished there, and a FENCE command
     * may have gone on past it without the planner.
     */
    boolean appliedWhatItReceived(String cluster) throws SQLException {
        try (Connection connection = server(cluster).connect(stack.accounts().admin());
                Statement sql = connection.createStatement(); ResultSet status = sql.executeQuery("SHOW SLAVE STATUS")) {
            if (!status.next()) {
                return true;
            }
            boolean running = "Yes".equals(status.getString("Slave_SQL_Running"));
            return (!running || status.getLong("Seconds_Behind_Master") == 0)
                    && status.getString("Read_Master_Log_Pos").equals(status.getString("Exec_Master_Log_Pos"))
                    && status.getString("Master_Log_File").equals(status.getString("Relay_Master_Log_File"));
        }
    }

    /**
     * The replica's SQL thread state and its last error, "Yes" or e.g. "No 1062 Could not execute ..."
     * ("not a replica" when it is none).
     */
    String applier(String cluster) throws SQLException {
        try (Connection connection = server(cluster).connect(stack.accounts().admin());
                Statement sql = connection.createStatement(); ResultSet status = sql.executeQuery("SHOW SLAVE STATUS")) {
            if (!status.next()) {
                return "not a replica";
            }
            return (status.getString("Slave_SQL_Running") + " " + status.getInt("Last_SQL_Errno") + " "
                    + status.getString("Last_SQL_Error")).strip();
        }
    }

    /**
     * Stops the cluster's server as an operator would (a clean shutdown) and starts it again on the same
     * data; returns once it accepts connections. The server comes back read-only ({@link DatabaseServer#restart}); one
     * that took writes before is opened again, as the operator who restarted a master does.
     */
    void restart(String cluster) throws SQLException {
        boolean writable = !readOnly(cluster);
        server(cluster).restart();
        if (writable) {
            execute(cluster, "SET GLOBAL read_only = OFF");
        }
    }

    private boolean readOnly(String cluster) throws SQLException {
        try (Connection connection = server(cluster).connect(stack.accounts().admin()); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT @@GLOBAL.read_only")) {
            return row.next() && row.getInt(1) == 1;
        }
    }

    /** Runs {@code statement} as the admin account. */
    void execute(String cluster, String statement) throws SQLException {
        try (Connection connection = server(cluster).connect(stack.accounts().admin()); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    /**
     * Runs {@code statement} as the admin account without binlogging it, as a DBA fixes a replica: in GTID
     * strict mode a binlogged write there would be an errant transaction.
     */
    void executeUnlogged(String cluster, String statement) throws SQLException {
        try (Connection connection = server(cluster).connect(stack.accounts().admin()); Statement sql = connection.createStatement()) {
            sql.execute("SET sql_log_bin = 0");
            sql.execute(statement);
        }
    }
}
