package io.handoff.common.sql;

import io.handoff.common.Require;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aurora MySQL and RDS for MySQL: the administrative account lacks SUPER, so replication control,
 * kills, binlog retention and (from 3.06) read-only go through the {@code mysql.rds_*} procedures.
 * Everything else (GTID reads and waits, replica and binlog status) is the SQL of the server
 * underneath: MySQL 8 on a real Aurora version 3.
 *
 * <p>The procedures are those AWS documents in "Configuring, starting, and stopping binary log (binlog)
 * replication" of the Aurora User Guide,
 * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/mysql-stored-proc-replicating.html">
 * mysql-stored-proc-replicating</a>. Version 3 (MySQL 8.0-compatible) renamed the replication
 * procedures of version 2 (MySQL 5.7-compatible): {@code rds_set_external_source},
 * {@code rds_set_external_source_with_auto_position}, {@code rds_reset_external_source} instead of
 * {@code ..._master}; {@code rds_start_replication}, {@code rds_stop_replication}, {@code rds_kill},
 * {@code rds_set_configuration} keep their names. Version 3.06 added {@code rds_set_read_only(mode)} and
 * {@code rds_set_binlog_source_ssl(mode)}.
 *
 * <p>Which set a server has is read from its version string ({@link #forServer(String)}):
 * {@code 8.0.mysql_aurora.3.06.0} is version 3.06, {@code 5.7.mysql_aurora.2.11.2} version 2; a MySQL
 * version without the Aurora part (an Aurora-like MySQL 8.0+ server with the procedures installed) has
 * every version 3 procedure. A MariaDB server with the version 2 procedures stands in for Aurora in tests
 * ({@link #ON_MARIADB}) and keeps MariaDB's {@code MASTER_GTID_WAIT} and domain GTIDs.
 *
 * <p>Encryption: AWS documents the {@code ssl_encryption} argument of
 * {@code rds_set_external_source_with_auto_position} as not implemented, and that of
 * {@code rds_set_external_source} as needing client certificates imported with
 * {@code rds_import_binlog_ssl_material}; without them, {@code rds_set_binlog_source_ssl(1)} is the way to
 * encrypt. So on 3.06+ the change is made with {@code ssl_encryption=0} and followed by
 * {@code rds_set_binlog_source_ssl}; before 3.06 encrypted auto-positioning is refused (no procedure can
 * set it) and binlog-coordinate replication passes {@code ssl_encryption=1}.
 */
final class AuroraMySqlDialect implements SqlDialect {

    /** Aurora MySQL 3.06 and later (and an Aurora-like MySQL with every version 3 procedure). */
    static final AuroraMySqlDialect INSTANCE = new AuroraMySqlDialect(MySql8Dialect.INSTANCE, Procedures.V3, true);
    /** Aurora MySQL 3.01 to 3.05: no {@code rds_set_read_only}, no {@code rds_set_binlog_source_ssl}. */
    static final AuroraMySqlDialect VERSION_3_BEFORE_3_06 = new AuroraMySqlDialect(MySql8Dialect.INSTANCE, Procedures.V3, false);
    /** Aurora MySQL 2 (MySQL 5.7-compatible): the {@code ..._master} procedures, {@code SHOW SLAVE STATUS}. */
    static final AuroraMySqlDialect VERSION_2 = new AuroraMySqlDialect(MySql8Dialect.INSTANCE, Procedures.V2, false);
    /** The version 2 procedures over a MariaDB server: only a stand-in (tests, emulations). */
    static final AuroraMySqlDialect ON_MARIADB = new AuroraMySqlDialect(MariaDbDialect.INSTANCE, Procedures.V2, false);

    private static final Pattern AURORA_VERSION = Pattern.compile("mysql_aurora\\.(\\d+)\\.(\\d+)");

    /** The names of the replication procedures, which version 3 changed. */
    enum Procedures {
        V2("mysql.rds_set_external_master", "mysql.rds_set_external_master_with_auto_position", "mysql.rds_reset_external_master"),
        V3("mysql.rds_set_external_source", "mysql.rds_set_external_source_with_auto_position", "mysql.rds_reset_external_source");

        final String setExternal;
        final String setExternalWithAutoPosition;
        final String resetExternal;

        Procedures(String setExternal, String setExternalWithAutoPosition, String resetExternal) {
            this.setExternal = setExternal;
            this.setExternalWithAutoPosition = setExternalWithAutoPosition;
            this.resetExternal = resetExternal;
        }
    }

    private final SqlDialect mysql;
    private final Procedures procedures;
    private final boolean since306;

    private AuroraMySqlDialect(SqlDialect server, Procedures procedures, boolean since306) {
        this.mysql = server;
        this.procedures = procedures;
        this.since306 = since306;
    }

    /**
     * The dialect for an Aurora-flavored server whose {@code SELECT VERSION()} is {@code serverVersion}:
     * {@link #ON_MARIADB} for a MariaDB server; by the {@code mysql_aurora.X.YY} part when present (X &lt; 3:
     * {@link #VERSION_2}; 3.00-3.05: {@link #VERSION_3_BEFORE_3_06}); else by the MySQL major version
     * (below 8: {@link #VERSION_2}); else {@link #INSTANCE}. {@code null} or an unreadable string: {@link #INSTANCE}.
     */
    static AuroraMySqlDialect forServer(String serverVersion) {
        if (serverVersion == null) {
            return INSTANCE;
        }
        if (serverVersion.toLowerCase(Locale.ROOT).contains("mariadb")) {
            return ON_MARIADB;
        }
        Matcher aurora = AURORA_VERSION.matcher(serverVersion);
        if (aurora.find()) {
            int major = Integer.parseInt(aurora.group(1));
            int minor = Integer.parseInt(aurora.group(2));
            return major < 3 ? VERSION_2 : major == 3 && minor < 6 ? VERSION_3_BEFORE_3_06 : INSTANCE;
        }
        try {
            return ServerVersion.parse(serverVersion).major() < 8 ? VERSION_2 : INSTANCE;
        } catch (IllegalArgumentException unreadable) {
            return INSTANCE;
        }
    }

    @Override
    public ServerFlavor flavor() {
        return ServerFlavor.AURORA_MYSQL;
    }

    /** Always refused: the master user has no SUPER, and read_only is a parameter-group setting. */
    @Override
    public List<SqlStatement> setReadOnly(boolean readOnly) {
        throw new StrategyNotSupportedException(flavor(), "SET GLOBAL read_only needs SUPER, which Aurora's master user"
                + " lacks; use the read-only strategy 'rds-read-only' (mysql.rds_set_read_only, Aurora MySQL 3.06+),"
                + " 'account-lock' (ALTER USER ... ACCOUNT LOCK, then kill the sessions) or 'security-group-swap'"
                + " (swap the cluster's VPC security group)");
    }

    /** {@code CALL mysql.rds_set_read_only(1|0)} on 3.06+; refused before. */
    @Override
    public List<SqlStatement> setReadOnlyThroughProcedure(boolean readOnly) {
        if (!since306) {
            throw new StrategyNotSupportedException(flavor(), "mysql.rds_set_read_only needs Aurora MySQL 3.06 or later;"
                    + " use the read-only strategy 'account-lock' or 'security-group-swap'");
        }
        return List.of(SqlStatement.of("CALL mysql.rds_set_read_only(" + (readOnly ? 1 : 0) + ")"));
    }

    @Override
    public java.util.Optional<String> readOnlyProcedure() {
        return since306 ? java.util.Optional.of("rds_set_read_only") : java.util.Optional.empty();
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
     * Auto-positioning for {@code auto} and GTID positions ({@code ..._with_auto_position(host, port, user,
     * password, ssl_encryption)}), binlog coordinates otherwise ({@code rds_set_external_source(host, port,
     * user, password, file, position, ssl_encryption)}); encryption as the class comment says. Over a
     * MariaDB server a GTID position is first made the replica's {@code gtid_slave_pos}, which the
     * stand-in's auto-positioning procedure starts from ({@code MASTER_USE_GTID=slave_pos}); the stand-in's
     * procedure takes a sixth argument, {@code delay}, as RDS for MySQL's does, and honours {@code ssl_encryption}.
     *
     * @throws StrategyNotSupportedException for encrypted auto-positioning before Aurora MySQL 3.06
     */
    @Override
    public List<SqlStatement> changeSource(String host, int port, String user, Secret password, ReplicationPosition position,
            boolean encrypted) {
        new SourceSettings(host, port, user, password, position);
        if (this == ON_MARIADB) {
            return onMariaDb(host, port, user, password, position, encrypted);
        }
        boolean autoPosition = !(position instanceof ReplicationPosition.FilePosition);
        if (encrypted && autoPosition && !since306) {
            throw new StrategyNotSupportedException(flavor(), "encrypted replication with auto-positioning needs"
                    + " mysql.rds_set_binlog_source_ssl (Aurora MySQL 3.06 or later): the ssl_encryption argument of "
                    + procedures.setExternalWithAutoPosition + " is not implemented; upgrade, or plan replication: { ssl: false }");
        }
        // Before 3.06 only the binlog-coordinate procedure encrypts (with imported SSL material).
        int sslArgument = encrypted && !since306 ? 1 : 0;
        SqlStatement change = position instanceof ReplicationPosition.FilePosition file
                ? SqlStatement.of("CALL " + procedures.setExternal + "(?, ?, ?, ?, ?, ?, " + sslArgument + ")",
                        host, port, user, password.reveal(), file.file(), file.position())
                : SqlStatement.of("CALL " + procedures.setExternalWithAutoPosition + "(?, ?, ?, ?, " + sslArgument + ")",
                        host, port, user, password.reveal());
        List<SqlStatement> statements = new ArrayList<>();
        statements.add(change.withSecret(password));
        if (since306) {
            statements.add(SqlStatement.of("CALL mysql.rds_set_binlog_source_ssl(" + (encrypted ? 1 : 0) + ")"));
        }
        return List.copyOf(statements);
    }

    private List<SqlStatement> onMariaDb(String host, int port, String user, Secret password, ReplicationPosition position,
            boolean encrypted) {
        int ssl = encrypted ? 1 : 0;
        SqlStatement autoPosition = SqlStatement.of("CALL " + procedures.setExternalWithAutoPosition + "(?, ?, ?, ?, " + ssl + ", 0)",
                host, port, user, password.reveal()).withSecret(password);
        return position.match(
                auto -> List.of(autoPosition),
                gtid -> List.of(SqlStatement.of("SET GLOBAL gtid_slave_pos=?", gtid.set()), autoPosition),
                file -> List.of(SqlStatement.of("CALL " + procedures.setExternal + "(?, ?, ?, ?, ?, ?, " + ssl + ")",
                        host, port, user, password.reveal(), file.file(), file.position()).withSecret(password)));
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
        return SqlStatement.of("CALL " + procedures.resetExternal);
    }

    /** {@code SHOW REPLICA STATUS} on version 3; {@code SHOW SLAVE STATUS} on version 2 (MySQL 5.7) and MariaDB. */
    @Override
    public SqlStatement replicaStatus() {
        return procedures == Procedures.V2 ? SqlStatement.of("SHOW SLAVE STATUS") : mysql.replicaStatus();
    }

    /** MySQL 5.7's column names are the ones MariaDB kept ({@link ReplicaStatusColumns#MARIADB}). */
    @Override
    public ReplicaStatusColumns replicaStatusColumns() {
        return procedures == Procedures.V2 ? ReplicaStatusColumns.MARIADB : mysql.replicaStatusColumns();
    }

    @Override
    public boolean domainGtids() {
        return mysql.domainGtids();
    }

    @Override
    public String binlogStatusPrivilege() {
        return mysql.binlogStatusPrivilege();
    }

    /** None: {@code mysql.rds_kill}, which the master user may execute, ends other accounts' sessions. */
    @Override
    public List<String> killPrivileges() {
        return List.of();
    }

    @Override
    public List<String> dumpPrograms() {
        return mysql.dumpPrograms();
    }

    @Override
    public List<String> clientPrograms() {
        return mysql.clientPrograms();
    }

    @Override
    public String binlogConnector() {
        return mysql.binlogConnector();
    }

    /** A cluster snapshot through the RDS API: an Aurora cluster is snapshotted by its storage, not by a dump. */
    @Override
    public boolean snapshotsThroughRds() {
        return true;
    }

    @Override
    public java.util.Optional<SqlStatement> commitTimestampLagMicros() {
        return mysql.commitTimestampLagMicros();
    }

    @Override
    public SqlStatement binlogStatus(ServerVersion version) {
        return mysql.binlogStatus(version);
    }

    /** As the server underneath; Aurora MySQL 3 is MySQL 8.0, whose statement is {@code RESET MASTER}. */
    @Override
    public SqlStatement resetBinlogAndGtids(ServerVersion version) {
        return mysql.resetBinlogAndGtids(version);
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

    @Override
    public SqlStatement gtidSubtract(String set, String minus) {
        return mysql.gtidSubtract(set, minus);
    }

    /**
     * {@code CALL mysql.rds_gtid_purged('+' || the GTIDs of the set that gtid_executed lacks)}: the master user
     * has no SYSTEM_VARIABLES_ADMIN for {@code SET GLOBAL gtid_purged}, and Aurora MySQL 3.04+ documents this
     * procedure for it, replacing the value with {@code gtid_set} or appending {@code +gtid_set}
     * (<a href="https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/mysql-stored-proc-gtid.html">
     * mysql-stored-proc-gtid</a>); the appended set must not intersect what {@code gtid_executed} holds beyond
     * {@code gtid_purged}, hence the subtraction, which also makes a repeated call add nothing. On 3.01 to
     * 3.03 the procedure is missing and the call fails with error 1305 (the dialect does not tell 3.04 from 3.05).
     *
     * @throws StrategyNotSupportedException on Aurora MySQL 2 and the MariaDB stand-in, which have no such procedure
     */
    @Override
    public SqlStatement addPurgedGtids(String gtidSet) {
        if (procedures != Procedures.V3) {
            throw new StrategyNotSupportedException(flavor(), "no mysql.rds_gtid_purged before Aurora MySQL 3.04, and the"
                    + " master user may not SET GLOBAL gtid_purged (SYSTEM_VARIABLES_ADMIN or SUPER)");
        }
        return SqlStatement.of("CALL mysql.rds_gtid_purged(CONCAT('+', GTID_SUBTRACT(?, @@GLOBAL.gtid_executed)))",
                Require.nonNull(gtidSet, "gtidSet"));
    }

    @Override
    public SqlStatement binlogGtidState() {
        return mysql.binlogGtidState();
    }
}
