package io.handoff.common.sql;

import io.handoff.common.Require;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import java.util.List;

/**
 * Aurora MySQL 3 and RDS for MySQL: the administrative account lacks SUPER, so replication control,
 * kills and binlog retention go through the {@code mysql.rds_*} procedures and read-only cannot be
 * set. Everything else (GTID reads and waits, replica and binlog status) is the SQL of the server
 * underneath, {@code server}: MySQL 8 on a real Aurora ({@link #INSTANCE}). The flavor chooses the
 * procedures, the server's own version string chooses the GTID syntax ({@link SqlDialect#of(ServerFlavor,
 * String)}), which is what lets a MariaDB server with {@code mysql.rds_*} procedures stand in for
 * Aurora in tests while keeping MariaDB's {@code MASTER_GTID_WAIT} and domain GTIDs.
 */
final class AuroraMySqlDialect implements SqlDialect {

    static final AuroraMySqlDialect INSTANCE = new AuroraMySqlDialect(MySql8Dialect.INSTANCE);
    /** The procedures of Aurora over a MariaDB server: only a stand-in (tests, emulations). */
    static final AuroraMySqlDialect ON_MARIADB = new AuroraMySqlDialect(MariaDbDialect.INSTANCE);

    private final SqlDialect mysql;

    private AuroraMySqlDialect(SqlDialect server) {
        this.mysql = server;
    }

    @Override
    public ServerFlavor flavor() {
        return ServerFlavor.AURORA_MYSQL;
    }

    /** Always refused: the master user has no SUPER, and read_only is a parameter-group setting. */
    @Override
    public List<SqlStatement> setReadOnly(boolean readOnly) {
        throw new StrategyNotSupportedException(flavor(), "SET GLOBAL read_only needs SUPER, which Aurora's master user"
                + " lacks; use the read-only strategy 'account-lock' (ALTER USER ... ACCOUNT LOCK, then kill the"
                + " sessions) or 'security-group-swap' (swap the cluster's VPC security group)");
    }

    @Override
    public SqlStatement killConnection(long connectionId) {
        return SqlStatement.of("CALL mysql.rds_kill(?)", Require.atLeast(connectionId, 1, "connectionId"));
    }

    @Override
    public SqlStatement loginAccounts() {
        return mysql.loginAccounts();
    }

    @Override
    public SqlStatement currentGtidPosition() {
        return mysql.currentGtidPosition();
    }

    @Override
    public SqlStatement executedGtidPosition() {
        return mysql.executedGtidPosition();
    }

    @Override
    public SqlStatement waitForGtid(String gtidSet, long timeoutSeconds) {
        return mysql.waitForGtid(gtidSet, timeoutSeconds);
    }

    @Override
    public GtidWaitResult interpretGtidWait(Number result) {
        return mysql.interpretGtidWait(result);
    }

    /**
     * Auto-positioning as on MySQL 8 for {@code auto} and GTID positions; binlog coordinates otherwise.
     * Over a MariaDB server a GTID position is first made the replica's {@code gtid_slave_pos}, which
     * the stand-in's auto-positioning procedure starts from ({@code MASTER_USE_GTID=slave_pos}).
     */
    @Override
    public List<SqlStatement> changeSource(String host, int port, String user, Secret password, ReplicationPosition position) {
        new SourceSettings(host, port, user, password, position);
        if (mysql == MariaDbDialect.INSTANCE && position instanceof ReplicationPosition.Gtid gtid) {
            return List.of(SqlStatement.of("SET GLOBAL gtid_slave_pos=?", gtid.set()),
                    SqlStatement.of("CALL mysql.rds_set_external_master_with_auto_position(?, ?, ?, ?, 0, 0)",
                            host, port, user, password.reveal()).withSecret(password));
        }
        // Arguments after the credentials: ssl_encryption=0, delay=0 seconds / log file, log position, ssl_encryption=0.
        SqlStatement autoPosition = SqlStatement.of(
                "CALL mysql.rds_set_external_master_with_auto_position(?, ?, ?, ?, 0, 0)", host, port, user, password.reveal());
        SqlStatement call = position.match(
                auto -> autoPosition,
                gtid -> autoPosition,
                file -> SqlStatement.of("CALL mysql.rds_set_external_master(?, ?, ?, ?, ?, ?, 0)",
                        host, port, user, password.reveal(), file.file(), file.position()));
        return List.of(call.withSecret(password));
    }

    @Override
    public SqlStatement startReplica() {
        return SqlStatement.of("CALL mysql.rds_start_replication");
    }

    @Override
    public SqlStatement stopReplica() {
        return SqlStatement.of("CALL mysql.rds_stop_replication");
    }

    @Override
    public SqlStatement resetReplicaAll() {
        return SqlStatement.of("CALL mysql.rds_reset_external_master");
    }

    @Override
    public SqlStatement replicaStatus() {
        return mysql.replicaStatus();
    }

    @Override
    public ReplicaStatusColumns replicaStatusColumns() {
        return mysql.replicaStatusColumns();
    }

    @Override
    public SqlStatement binlogStatus(ServerVersion version) {
        return mysql.binlogStatus(version);
    }

    /** {@code binlog retention hours} of {@code mysql.rds_configuration}, in seconds; NULL (the default) purges at once. */
    @Override
    public SqlStatement binlogRetentionSeconds() {
        return SqlStatement.of("SELECT CAST(value AS UNSIGNED) * 3600 FROM mysql.rds_configuration"
                + " WHERE name = 'binlog retention hours'");
    }

    /** {@code mysql.rds_set_configuration('binlog retention hours', N)}, rounded up to whole hours. */
    @Override
    public List<SqlStatement> retainBinlog(long seconds) {
        long hours = (Require.atLeast(seconds, 1, "seconds") + 3599) / 3600;
        return List.of(SqlStatement.of("CALL mysql.rds_set_configuration('binlog retention hours', ?)", hours));
    }

    /** {@code mysql.rds_configuration} is kept across reboots. */
    @Override
    public boolean retentionSurvivesRestart() {
        return true;
    }

    @Override
    public SqlStatement gtidSubset(String subset, String superset) {
        return mysql.gtidSubset(subset, superset);
    }

    /**
     * Refused: {@code SET GLOBAL gtid_purged} needs SYSTEM_VARIABLES_ADMIN, which the master user lacks.
     * Aurora MySQL 3 documents {@code CALL mysql.rds_gtid_purged(set)} for it
     * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/mysql-stored-proc-gtid.html), but a
     * dump loaded by the master user is binlogged with GTIDs of the target's own all the same.
     */
    @Override
    public SqlStatement addPurgedGtids(String gtidSet) {
        throw new StrategyNotSupportedException(flavor(), "SET GLOBAL gtid_purged needs SYSTEM_VARIABLES_ADMIN or SUPER,"
                + " which Aurora's master user lacks");
    }

    @Override
    public SqlStatement binlogGtidState() {
        return mysql.binlogGtidState();
    }
}
