package io.handoff.cutover.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.mariadb.LocalReplication;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Direct access to the two local servers for arranging and checking (never to drive the service):
 * A is the cluster {@code source}, B the cluster {@code target}. Each call opens its own short-lived
 * connection, so that no fixture session lingers for a kill to find.
 */
public final class Servers {
    /** Registry name of A, the current master. */
    public static final String A = "source";
    /** Registry name of B, the new master. */
    public static final String B = "target";

    private final LocalStack stack;

    public Servers(LocalStack stack) {
        this.stack = stack;
    }

    public DatabaseServer a() {
        return stack.source();
    }

    public DatabaseServer b() {
        return stack.target();
    }

    public DbAccount app() {
        return stack.accounts().app();
    }

    public DbAccount auth() {
        return stack.accounts().auth();
    }

    /** A new connection to {@code server} as {@code account}; the caller closes it. */
    public Connection connect(DatabaseServer server, DbAccount account) throws SQLException {
        return server.connect(account);
    }

    /** Runs statements on {@code server} as the admin account. */
    public void admin(DatabaseServer server, String... statements) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    /** Kills every session of {@code user} on {@code server} but the caller's own; returns how many. */
    public int killSessionsOf(DatabaseServer server, String user) throws SQLException {
        List<String> ids = column(server, "SELECT ID FROM information_schema.PROCESSLIST WHERE USER='" + user + "'"
                + " AND ID <> CONNECTION_ID()");
        for (String id : ids) {
            admin(server, "KILL CONNECTION " + id);
        }
        return ids.size();
    }

    /** Inserts one row as {@code account}; throws when the server refuses it. */
    public void insert(DatabaseServer server, DbAccount account, String table, long id, String who) throws SQLException {
        try (Connection connection = server.connect(account); Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO " + table + " (id, who) VALUES (" + id + ", '" + who + "')");
        }
    }

    /** The first column of every row of {@code query}, as admin. */
    public List<String> column(DatabaseServer server, String query) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** The single value of {@code query}, as admin. */
    public String value(DatabaseServer server, String query) throws SQLException {
        return column(server, query).get(0);
    }

    /** The ids in {@code table} written by {@code who}. */
    public Set<Long> ids(DatabaseServer server, String table, String who) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        column(server, "SELECT id FROM " + table + " WHERE who='" + who + "'").forEach(id -> ids.add(Long.parseLong(id)));
        return ids;
    }

    public boolean readOnly(DatabaseServer server) throws SQLException {
        return "1".equals(value(server, "SELECT @@GLOBAL.read_only"));
    }

    /** {@code @@gtid_binlog_pos}: what the server wrote to its binlog. */
    public String binlogPosition(DatabaseServer server) throws SQLException {
        return value(server, "SELECT @@GLOBAL.gtid_binlog_pos");
    }

    /** Every replica connection of the server (SHOW ALL SLAVES STATUS): source host, port and thread states. */
    public List<Map<String, String>> replicas(DatabaseServer server) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SHOW ALL SLAVES STATUS")) {
            List<Map<String, String>> replicas = new ArrayList<>();
            while (rows.next()) {
                Map<String, String> replica = new LinkedHashMap<>();
                for (String column : List.of("Master_Host", "Master_Port", "Slave_IO_Running", "Slave_SQL_Running",
                        "Last_IO_Error", "Last_SQL_Error")) {
                    replica.put(column, rows.getString(column));
                }
                replicas.add(replica);
            }
            return replicas;
        }
    }

    /** {@code true} when {@code replica} has exactly one replica connection, from {@code source}, with both threads running. */
    public boolean replicatesFrom(DatabaseServer replica, DatabaseServer source) throws SQLException {
        List<Map<String, String>> replicas = replicas(replica);
        return replicas.size() == 1
                && source.host().equals(replicas.get(0).get("Master_Host"))
                && Integer.toString(source.port()).equals(replicas.get(0).get("Master_Port"))
                && "Yes".equals(replicas.get(0).get("Slave_IO_Running"))
                && "Yes".equals(replicas.get(0).get("Slave_SQL_Running"));
    }

    /** The ids of A's binlog dump sessions, the streams its replicas read. */
    public List<String> binlogDumps() throws SQLException {
        return column(a(), "SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%' ORDER BY ID");
    }

    /**
     * A fresh schema on A with table {@code rows(id, who)}, seeded into B, and B replicating from A,
     * connected, through A's only binlog dump (the one of an earlier test is gone once B registers
     * again): the state a flip starts from. Returns the table's qualified name.
     */
    public String replicatedTable(String schema) throws SQLException {
        admin(a(), "CREATE DATABASE " + schema,
                "CREATE TABLE " + schema + ".rows (id BIGINT PRIMARY KEY, who VARCHAR(16) NOT NULL)");
        new LocalReplication(a(), b()).seedAndReplicate(List.of(schema));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(replicatesFrom(b(), a())).as("%s", replicas(b())).isTrue();
            assertThat(binlogDumps()).hasSize(1);
        });
        return schema + ".rows";
    }

    /**
     * Back to two writable stand-alone servers with no replication and no GTID history, whatever a
     * test left behind, so that the next test's GTIDs cannot collide with this one's.
     */
    public void standalone() throws SQLException {
        for (DatabaseServer server : List.of(a(), b())) {
            admin(server, "STOP ALL SLAVES", "RESET SLAVE ALL", "SET GLOBAL read_only=OFF", "RESET MASTER",
                    "SET GLOBAL gtid_slave_pos=''");
        }
    }

    /**
     * As {@link #standalone()} on a MySQL stack. START_REPLICATION leaves its target super_read_only: {@code read_only=OFF}
     * clears both.
     */
    public void standaloneMySql() throws SQLException {
        for (DatabaseServer server : List.of(a(), b())) {
            admin(server, "STOP REPLICA", "RESET REPLICA ALL", "SET GLOBAL read_only=OFF", "RESET BINARY LOGS AND GTIDS");
        }
    }
}
