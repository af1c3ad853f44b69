package io.handoff.monitor.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.mariadb.LocalReplication;
import io.handoff.localstack.db.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The two local servers as the tests arrange them (never to drive the service): the cluster
 * {@code source} and the cluster {@code target}, as the admin account, each call on its own short
 * connection.
 */
public final class ReplicatedPair {
    private final LocalStack stack;

    public ReplicatedPair(LocalStack stack) {
        this.stack = stack;
    }

    public DatabaseServer source() {
        return stack.source();
    }

    public DatabaseServer target() {
        return stack.target();
    }

    /** Runs statements on {@code server} as the admin account. */
    public void admin(DatabaseServer server, String... statements) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    /** The single value of {@code query} on {@code server}, as admin; {@code null} without a row. */
    public String value(DatabaseServer server, String query) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin()); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /**
     * A fresh {@code schema} with table {@code rows(id, payload)} on the source, seeded into the target,
     * and the target replicating from the source with both threads running. Returns the table's name.
     */
    public String replicatedTable(String schema) throws SQLException {
        admin(source(), "CREATE DATABASE " + schema,
                "CREATE TABLE " + schema + ".rows (id BIGINT PRIMARY KEY, payload VARCHAR(64) NOT NULL)");
        LocalReplication replication = new LocalReplication(source(), target());
        replication.seedAndReplicate(List.of(schema));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(replication.replicaStatus()).startsWith("io=Yes sql=Yes"));
        return schema + ".rows";
    }

    /**
     * Both servers stand alone again, writable, without replication, GTID history, the heartbeat
     * schema or {@code schemas}, whatever a test left behind (nothing of it binlogged).
     */
    public void standalone(List<String> schemas) throws SQLException {
        for (DatabaseServer server : List.of(source(), target())) {
            admin(server, "STOP ALL SLAVES", "RESET SLAVE ALL", "SET GLOBAL read_only=OFF", "SET sql_log_bin=0",
                    "DROP DATABASE IF EXISTS handoff");
            for (String schema : schemas) {
                admin(server, "SET sql_log_bin=0", "DROP DATABASE IF EXISTS " + schema);
            }
            admin(server, "RESET MASTER", "SET GLOBAL gtid_slave_pos=''");
        }
    }
}
