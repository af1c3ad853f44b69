package io.handoff.common.sql;

import io.handoff.common.Require;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import java.util.List;

/**
 * MariaDB 10.6+: {@code read_only} (no {@code super_read_only}), domain GTIDs, {@code MASTER_GTID_WAIT},
 * {@code SLAVE}/{@code MASTER} replication syntax.
 */
final class MariaDbDialect implements SqlDialect {

    static final MariaDbDialect INSTANCE = new MariaDbDialect();

    private MariaDbDialect() {
    }

    @Override
    public ServerFlavor flavor() {
        return ServerFlavor.MARIADB;
    }

    @Override
    public boolean domainGtids() {
        return true;
    }

    @Override
    public String binlogStatusPrivilege() {
        return "BINLOG MONITOR";
    }

    @Override
    public List<String> dumpPrograms() {
        return List.of("mariadb-dump", "mysqldump");
    }

    @Override
    public List<String> clientPrograms() {
        return List.of("mariadb", "mysql");
    }

    @Override
    public String binlogConnector() {
        return "io.debezium.connector.mariadb.MariaDbConnector";
    }

    @Override
    public List<SqlStatement> setReadOnly(boolean readOnly) {
        // Accounts with READ_ONLY ADMIN (SUPER before 10.11) still write: exempt users rely on it.
        return List.of(SqlStatement.of("SET GLOBAL read_only=" + (readOnly ? "ON" : "OFF")));
    }

    /**
     * From {@code mysql.global_priv}, whose JSON holds {@code account_locked} and {@code is_role}
     * (JSON_VALUE gives a JSON {@code true} as {@code '1'}).
     */
    @Override
    public SqlStatement loginAccounts() {
        return SqlStatement.of("SELECT User AS user, Host AS host,"
                + " IFNULL(JSON_VALUE(Priv, '$.account_locked'), '0') IN ('1', 'true') AS locked FROM mysql.global_priv"
                + " WHERE IFNULL(JSON_VALUE(Priv, '$.is_role'), '0') NOT IN ('1', 'true') AND User <> '' ORDER BY User, Host");
    }

    @Override
    public SqlStatement killConnection(long connectionId) {
        return SqlStatement.of("KILL CONNECTION " + Require.atLeast(connectionId, 1, "connectionId"));
    }

    @Override
    public SqlStatement currentGtidPosition() {
        return SqlStatement.of("SELECT @@GLOBAL.gtid_binlog_pos");
    }

    @Override
    public SqlStatement executedGtidPosition() {
        // MASTER_GTID_WAIT compares against gtid_slave_pos, so WAIT_SYNC and this query agree.
        return SqlStatement.of("SELECT @@GLOBAL.gtid_slave_pos");
    }

    @Override
    public SqlStatement waitForGtid(String gtidSet, long timeoutSeconds) {
        return SqlStatement.of("SELECT MASTER_GTID_WAIT(?, ?)",
                Require.nonNull(gtidSet, "gtidSet"), Require.atLeast(timeoutSeconds, 1, "timeoutSeconds"));
    }

    @Override
    public GtidWaitResult interpretGtidWait(Number result) {
        if (result != null && result.longValue() == 0) {
            return GtidWaitResult.REACHED;
        }
        if (result != null && result.longValue() == -1) {
            return GtidWaitResult.TIMED_OUT;
        }
        throw new IllegalStateException("MASTER_GTID_WAIT returned " + result + "; expected 0 (reached) or -1 (timed out)");
    }

    /**
     * {@code MASTER_SSL} is always given, so that re-pointing a replica never keeps an earlier choice;
     * encrypted, {@code MASTER_SSL_VERIFY_SERVER_CERT=0}: MariaDB 11.3+ verifies by default, and a server's
     * auto-generated self-signed certificate (what a local or self-managed server often has) would fail
     * the check. The link is encrypted either way.
     */
    @Override
    public List<SqlStatement> changeSource(String host, int port, String user, Secret password, ReplicationPosition position,
            boolean encrypted) {
        SourceSettings source = new SourceSettings(host, port, user, password, position);
        // CHANGE MASTER takes no parameters: every value is a quoted literal or a number.
        String change = "CHANGE MASTER TO MASTER_HOST=" + source.quotedHost() + ", MASTER_PORT=" + port
                + ", MASTER_USER=" + source.quotedUser() + ", MASTER_PASSWORD=" + source.quotedPassword()
                + (encrypted ? ", MASTER_SSL=1, MASTER_SSL_VERIFY_SERVER_CERT=0" : ", MASTER_SSL=0");
        return position.match(
                // The replica's own binlog state decides: right for a former master that becomes a replica.
                auto -> List.of(SqlStatement.of(change + ", MASTER_USE_GTID=current_pos").withSecret(password)),
                // gtid_slave_pos first: CHANGE MASTER ... slave_pos reads it.
                gtid -> List.of(
                        SqlStatement.of("SET GLOBAL gtid_slave_pos=?", gtid.set()),
                        SqlStatement.of(change + ", MASTER_USE_GTID=slave_pos").withSecret(password)),
                file -> List.of(SqlStatement.of(change + ", MASTER_LOG_FILE=" + SqlLiteral.quote(file.file())
                        + ", MASTER_LOG_POS=" + file.position() + ", MASTER_USE_GTID=no").withSecret(password)));
    }

    @Override
    public SqlStatement startReplica() {
        return SqlStatement.of("START SLAVE");
    }

    @Override
    public SqlStatement stopReplica() {
        return SqlStatement.of("STOP SLAVE");
    }

    @Override
    public SqlStatement stopApplier() {
        return SqlStatement.of("STOP SLAVE SQL_THREAD");
    }

    @Override
    public SqlStatement startApplier() {
        return SqlStatement.of("START SLAVE SQL_THREAD");
    }

    @Override
    public SqlStatement resetReplicaAll() {
        return SqlStatement.of("RESET SLAVE ALL");
    }

    @Override
    public SqlStatement replicaStatus() {
        return SqlStatement.of("SHOW SLAVE STATUS");
    }

    @Override
    public ReplicaStatusColumns replicaStatusColumns() {
        return ReplicaStatusColumns.MARIADB;
    }

    @Override
    public SqlStatement binlogStatus(ServerVersion version) {
        return SqlStatement.of("SHOW MASTER STATUS");
    }

    @Override
    public SqlStatement resetBinlogAndGtids(ServerVersion version) {
        return SqlStatement.of("RESET MASTER");
    }

    @Override
    public SqlStatement binlogGtidState() {
        return SqlStatement.of("SELECT @@GLOBAL.gtid_binlog_state");
    }
}
