package io.handoff.common.sql;

import io.handoff.common.Require;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import java.util.List;

/**
 * Oracle MySQL 8.0.23+: {@code read_only} with {@code super_read_only}, UUID GTID sets with
 * auto-positioning, {@code WAIT_FOR_EXECUTED_GTID_SET}, {@code REPLICA}/{@code SOURCE} syntax.
 */
final class MySql8Dialect implements SqlDialect {

    static final MySql8Dialect INSTANCE = new MySql8Dialect();

    private MySql8Dialect() {
    }

    @Override
    public ServerFlavor flavor() {
        return ServerFlavor.MYSQL_8;
    }

    @Override
    public List<SqlStatement> setReadOnly(boolean readOnly) {
        // super_read_only also stops accounts with SUPER / CONNECTION_ADMIN. Switching on, read_only
        // goes first; switching off, super_read_only goes first: the server couples them either way,
        // the order only keeps each statement meaningful on its own.
        return readOnly
                ? List.of(SqlStatement.of("SET GLOBAL read_only=ON"), SqlStatement.of("SET GLOBAL super_read_only=ON"))
                : List.of(SqlStatement.of("SET GLOBAL super_read_only=OFF"), SqlStatement.of("SET GLOBAL read_only=OFF"));
    }

    @Override
    public SqlStatement killConnection(long connectionId) {
        return SqlStatement.of("KILL CONNECTION " + Require.atLeast(connectionId, 1, "connectionId"));
    }

    @Override
    public SqlStatement currentGtidPosition() {
        return SqlStatement.of("SELECT @@GLOBAL.gtid_executed");
    }

    @Override
    public SqlStatement executedGtidPosition() {
        return SqlStatement.of("SELECT @@GLOBAL.gtid_executed");
    }

    @Override
    public SqlStatement waitForGtid(String gtidSet, long timeoutSeconds) {
        return SqlStatement.of("SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)",
                Require.nonNull(gtidSet, "gtidSet"), Require.atLeast(timeoutSeconds, 1, "timeoutSeconds"));
    }

    @Override
    public GtidWaitResult interpretGtidWait(Number result) {
        if (result != null && result.longValue() == 0) {
            return GtidWaitResult.REACHED;
        }
        if (result != null && result.longValue() == 1) {
            return GtidWaitResult.TIMED_OUT;
        }
        throw new IllegalStateException("WAIT_FOR_EXECUTED_GTID_SET returned " + result + "; expected 0 (reached) or 1 (timed out)");
    }

    /**
     * With a GTID position or {@code auto}, MySQL auto-positions: the replica sends its own
     * {@code gtid_executed} and the source streams what is missing, so the given set must already be
     * part of the replica's {@code gtid_executed} (seeding sets it through {@code gtid_purged}).
     * {@code SOURCE_SSL} is always given, so that re-pointing a replica never keeps an earlier choice;
     * {@code GET_SOURCE_PUBLIC_KEY=1} lets a {@code caching_sha2_password} account authenticate without
     * TLS (with TLS it is not used).
     */
    @Override
    public List<SqlStatement> changeSource(String host, int port, String user, Secret password, ReplicationPosition position,
            boolean encrypted) {
        SourceSettings source = new SourceSettings(host, port, user, password, position);
        String change = "CHANGE REPLICATION SOURCE TO SOURCE_HOST=" + source.quotedHost() + ", SOURCE_PORT=" + port
                + ", SOURCE_USER=" + source.quotedUser() + ", SOURCE_PASSWORD=" + source.quotedPassword()
                + ", SOURCE_SSL=" + (encrypted ? 1 : 0) + ", GET_SOURCE_PUBLIC_KEY=1";
        String start = position.match(
                auto -> ", SOURCE_AUTO_POSITION=1",
                gtid -> ", SOURCE_AUTO_POSITION=1",
                file -> ", SOURCE_LOG_FILE=" + SqlLiteral.quote(file.file())
                        + ", SOURCE_LOG_POS=" + file.position() + ", SOURCE_AUTO_POSITION=0");
        return List.of(SqlStatement.of(change + start).withSecret(password));
    }

    @Override
    public SqlStatement startReplica() {
        return SqlStatement.of("START REPLICA");
    }

    @Override
    public SqlStatement stopReplica() {
        return SqlStatement.of("STOP REPLICA");
    }

    @Override
    public SqlStatement stopApplier() {
        return SqlStatement.of("STOP REPLICA SQL_THREAD");
    }

    @Override
    public SqlStatement startApplier() {
        return SqlStatement.of("START REPLICA SQL_THREAD");
    }

    @Override
    public SqlStatement resetReplicaAll() {
        return SqlStatement.of("RESET REPLICA ALL");
    }

    @Override
    public SqlStatement replicaStatus() {
        return SqlStatement.of("SHOW REPLICA STATUS");
    }

    @Override
    public ReplicaStatusColumns replicaStatusColumns() {
        return ReplicaStatusColumns.MYSQL_8;
    }

    /**
     * From {@code replication_applier_status_by_worker} and {@code replication_connection_status}
     * (MySQL 8.0.2+, <a href="https://dev.mysql.com/doc/refman/8.0/en/replication-threads-monitor-worker.html">
     * Monitoring Replication Applier Worker Threads</a>). A zero timestamp means "none yet".
     */
    @Override
    public java.util.Optional<SqlStatement> commitTimestampLagMicros() {
        return java.util.Optional.of(SqlStatement.of("SELECT CASE"
                + " WHEN w.applying IS NOT NULL THEN GREATEST(0, TIMESTAMPDIFF(MICROSECOND, w.applying, NOW(6)))"
                + " WHEN c.queued > w.applied THEN GREATEST(0, TIMESTAMPDIFF(MICROSECOND,"
                + " IF(w.applied > '1970-01-02', w.applied, c.queued), NOW(6)))"
                + " ELSE 0 END"
                + " FROM (SELECT MIN(CASE WHEN APPLYING_TRANSACTION <> '' THEN APPLYING_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP END) AS applying,"
                + " MAX(LAST_APPLIED_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP) AS applied"
                + " FROM performance_schema.replication_applier_status_by_worker) w,"
                + " (SELECT MAX(LAST_QUEUED_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP) AS queued"
                + " FROM performance_schema.replication_connection_status) c"));
    }

    /** {@code SHOW BINARY LOG STATUS} from 8.2 (8.4 removed {@code SHOW MASTER STATUS}), else the old form. */
    @Override
    public SqlStatement binlogStatus(ServerVersion version) {
        Require.nonNull(version, "version");
        return SqlStatement.of(version.atLeast(8, 2) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS");
    }

    /** {@code RESET BINARY LOGS AND GTIDS} from 8.2 (8.4 removed {@code RESET MASTER}), else {@code RESET MASTER}. */
    @Override
    public SqlStatement resetBinlogAndGtids(ServerVersion version) {
        Require.nonNull(version, "version");
        return SqlStatement.of(version.atLeast(8, 2) ? "RESET BINARY LOGS AND GTIDS" : "RESET MASTER");
    }

    @Override
    public SqlStatement binlogGtidState() {
        return SqlStatement.of("SELECT @@GLOBAL.gtid_executed");
    }

    @Override
    public SqlStatement gtidSubset(String subset, String superset) {
        return SqlStatement.of("SELECT GTID_SUBSET(?, ?)", Require.nonNull(subset, "subset"), Require.nonNull(superset, "superset"));
    }

    @Override
    public SqlStatement gtidSubtract(String set, String minus) {
        return SqlStatement.of("SELECT GTID_SUBTRACT(?, ?)", Require.nonNull(set, "set"), Require.nonNull(minus, "minus"));
    }

    /**
     * The '+' form adds to {@code gtid_purged} and must not name a GTID already in {@code gtid_executed},
     * hence the subtraction: a repeated seed adds only what the earlier one did not.
     */
    @Override
    public SqlStatement addPurgedGtids(String gtidSet) {
        return SqlStatement.of("SET GLOBAL gtid_purged = CONCAT('+', GTID_SUBTRACT(?, @@GLOBAL.gtid_executed))",
                Require.nonNull(gtidSet, "gtidSet"));
    }

    /** {@code SET PERSIST} (MySQL 8.0+): the value is also written to {@code mysqld-auto.cnf} and survives a restart. */
    @Override
    public List<SqlStatement> retainBinlog(long seconds) {
        return List.of(SqlStatement.of("SET PERSIST binlog_expire_logs_seconds=" + Require.atLeast(seconds, 1, "seconds")));
    }

    @Override
    public boolean retentionSurvivesRestart() {
        return true;
    }
}
