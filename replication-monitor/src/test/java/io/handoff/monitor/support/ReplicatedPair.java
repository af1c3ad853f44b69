package io.handoff.monitor.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.LagSample;
import io.handoff.common.sql.GtidWaitResult;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SqlStatement;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.LocalReplication;
import io.handoff.monitor.lag.GtidDistance;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The two local servers as the tests arrange them (never to drive the service): the cluster
 * {@code source} and the cluster {@code target}, as the admin account, each call on its own short
 * connection. Whatever the stack's flavours: replication, positions and resets are the flavour's
 * {@link SqlDialect} statements, through {@link LocalReplication}.
 */
public final class ReplicatedPair {
    private final LocalStack stack;
    private final LocalReplication replication;

    public ReplicatedPair(LocalStack stack) {
        this.stack = stack;
        this.replication = new LocalReplication(stack.source(), stack.target());
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
        return value(server, SqlStatement.of(query));
    }

    /** The single value of {@code statement} on {@code server}, as admin; {@code null} without a row. */
    public String value(DatabaseServer server, SqlStatement statement) throws SQLException {
        try (Connection connection = server.connect(stack.accounts().admin());
                PreparedStatement prepared = statement.prepare(connection); ResultSet rows = prepared.executeQuery()) {
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
        replication.seedAndReplicate(List.of(schema));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(replication.replicaStatus()).startsWith("io=Yes sql=Yes"));
        return schema + ".rows";
    }

    /** Stops the target's applier thread only: it goes on receiving and falls behind applying. */
    public void stopApplier() {
        replication.stopApplier();
    }

    /** Starts the target's applier thread again. */
    public void startApplier() {
        replication.startApplier();
    }

    /** The GTID position of the source's binlog ({@link SqlDialect#currentGtidPosition()}). */
    public String sourcePosition() throws SQLException {
        return value(source(), LocalReplication.dialect(source()).currentGtidPosition());
    }

    /** Waits (at most {@code timeout}) until the target has applied every transaction the source has written so far. */
    public void awaitTargetApplied(Duration timeout) throws SQLException {
        String position = sourcePosition();
        SqlDialect targetSql = LocalReplication.dialect(target());
        String result = value(target(), targetSql.waitForGtid(position, Math.max(1, timeout.toSeconds())));
        assertThat(targetSql.interpretGtidWait(result == null ? null : new BigDecimal(result)))
                .as("the target applied the source's %s (%s)", position, replication.replicaStatus())
                .isEqualTo(GtidWaitResult.REACHED);
    }

    /**
     * The GTIDs {@code server} has written to its binlog, in the form that tells where each came from
     * ({@link SqlDialect#binlogGtidState()}), for {@link #transactionsBetween}.
     */
    public String binlogGtids(DatabaseServer server) throws SQLException {
        return value(server, LocalReplication.dialect(server).binlogGtidState());
    }

    /**
     * How many transactions a server's binlog gained from {@code earlier} to {@code later}, two readings of
     * {@link #binlogGtids}: on a server that replicates from none, its own transactions.
     */
    public static long transactionsBetween(String earlier, String later) {
        long gained = GtidDistance.transactionsBehind(later, earlier);
        if (gained == LagSample.UNKNOWN) {
            throw new IllegalStateException("cannot count the transactions from " + earlier + " to " + later);
        }
        return gained;
    }

    /**
     * Both servers stand alone again, writable, without replication, GTID history, the heartbeat
     * schema or {@code schemas}, whatever a test left behind (nothing of it binlogged).
     */
    public void standalone(List<String> schemas) throws SQLException {
        replication.standAlone();
        for (DatabaseServer server : List.of(source(), target())) {
            admin(server, "SET sql_log_bin=0", "DROP DATABASE IF EXISTS handoff");
            for (String schema : schemas) {
                admin(server, "SET sql_log_bin=0", "DROP DATABASE IF EXISTS " + schema);
            }
        }
    }
}
