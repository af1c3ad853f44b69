package io.handoff.common.sql;

import io.handoff.common.Require;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import java.util.List;

/**
 * The SQL handoff runs on one server flavor, one implementation per {@link ServerFlavor}, obtained
 * with {@link #of(ServerFlavor)}. A dialect only builds statements; executing them, in the order of
 * a returned list, is the caller's. Methods that return a list need every statement, in that order.
 *
 * <p>Queries return one row unless said otherwise. Statements that change state are safe to repeat
 * (setting read-only twice, stopping a stopped replica), which is what idempotent step handlers
 * rely on, except where noted.
 */
public interface SqlDialect {

    /** The dialect of {@code flavor}. */
    static SqlDialect of(ServerFlavor flavor) {
        return switch (Require.nonNull(flavor, "flavor")) {
            case MARIADB -> MariaDbDialect.INSTANCE;
            case MYSQL_8 -> MySql8Dialect.INSTANCE;
            case AURORA_MYSQL -> AuroraMySqlDialect.INSTANCE;
        };
    }

    /**
     * The dialect for a server of {@code flavor} whose {@code SELECT VERSION()} is {@code serverVersion}.
     * The flavor decides how read-only, kills, replication control and binlog retention are done
     * (Aurora: the {@code mysql.rds_*} procedures); the version string decides which procedures an
     * Aurora server has (version 2 {@code ..._master}, version 3 {@code ..._source}, 3.06+
     * {@code rds_set_read_only}) and the GTID and status syntax, because it names the server that really
     * answers: the Aurora flavor on a server reporting {@code MariaDB} (a stand-in for Aurora with
     * {@code mysql.rds_*} procedures installed) keeps MariaDB's GTID syntax. Self-managed flavors ignore
     * the version string here (their methods that depend on it take a {@link ServerVersion}).
     *
     * @param serverVersion the server's version string; {@code null} when unknown (then as {@link #of(ServerFlavor)})
     */
    static SqlDialect of(ServerFlavor flavor, String serverVersion) {
        if (Require.nonNull(flavor, "flavor") == ServerFlavor.AURORA_MYSQL) {
            return AuroraMySqlDialect.forServer(serverVersion);
        }
        return of(flavor);
    }

    /** The flavor this dialect speaks. */
    ServerFlavor flavor();

    /** {@code SELECT VERSION()}: one string column, for {@link ServerVersion#parse(String)}. */
    default SqlStatement serverVersion() {
        return SqlStatement.of("SELECT VERSION()");
    }

    /**
     * Makes the server refuse (or accept again) writes from accounts without the privilege to
     * bypass read-only.
     *
     * @throws StrategyNotSupportedException where the administrative account may not set it (Aurora)
     */
    List<SqlStatement> setReadOnly(boolean readOnly);

    /**
     * The {@code rds-read-only} strategy: {@code read_only} switched through the server's procedure
     * ({@code CALL mysql.rds_set_read_only(1|0)}, Aurora MySQL 3.06+), for an administrative account that
     * may not {@code SET GLOBAL read_only} and cannot bypass it either (no SUPER, CONNECTION_ADMIN).
     *
     * @throws StrategyNotSupportedException where the server has no such procedure (every flavor but Aurora 3.06+)
     */
    default List<SqlStatement> setReadOnlyThroughProcedure(boolean readOnly) {
        throw new StrategyNotSupportedException(flavor(), "the read-only strategy 'rds-read-only' calls"
                + " mysql.rds_set_read_only, which only Aurora MySQL 3.06 and later have; use 'global'");
    }

    /**
     * The name of the procedure in schema {@code mysql} that {@link #setReadOnlyThroughProcedure} calls, for
     * PRECHECK to find it in {@code information_schema.ROUTINES}; empty where the dialect has none.
     */
    default java.util.Optional<String> readOnlyProcedure() {
        return java.util.Optional.empty();
    }

    /**
     * {@code FLUSH LOCAL TABLES}: closes open tables so that read-only and the final position come
     * quickly. LOCAL keeps it out of the binlog, so it creates no GTID, even on a replica.
     */
    default SqlStatement flushTables() {
        return SqlStatement.of("FLUSH LOCAL TABLES");
    }

    /** Every other session: columns {@code id}, {@code user}, {@code host}, {@code command}; many rows. */
    default SqlStatement listSessions() {
        return SqlStatement.of("SELECT ID AS id, USER AS user, HOST AS host, COMMAND AS command"
                + " FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() ORDER BY ID");
    }

    /** Ends the session {@code connectionId} (an id from {@link #listSessions()}). */
    SqlStatement killConnection(long connectionId);

    /**
     * Ends session {@code connectionId} from a session of the same account: no privilege is needed to
     * kill one's own sessions, on every flavor (the per-user kill strategy).
     */
    default SqlStatement killOwnConnection(long connectionId) {
        return SqlStatement.of("KILL CONNECTION " + Require.atLeast(connectionId, 1, "connectionId"));
    }

    /**
     * {@code SET SESSION sql_log_bin}: whether this session's changes go to the binlog. Account locks
     * are per server and must not replicate; the account needs SUPER, BINLOG ADMIN (MariaDB) or
     * SYSTEM_VARIABLES_ADMIN / SESSION_VARIABLES_ADMIN (MySQL).
     */
    default SqlStatement sessionBinlog(boolean on) {
        return SqlStatement.of("SET SESSION sql_log_bin=" + (on ? 1 : 0));
    }

    /** Accounts of the server: columns {@code user}, {@code host}; many rows. */
    default SqlStatement listAccounts() {
        return SqlStatement.of("SELECT User AS user, Host AS host FROM mysql.user ORDER BY User, Host");
    }

    /**
     * The accounts that can log in, roles left out: columns {@code user}, {@code host}, {@code locked}
     * (1 when {@code ACCOUNT LOCK} is in force, else 0); many rows. MySQL keeps roles as locked
     * accounts without password, which this leaves out too. Accounts holding SYSTEM_USER are left out
     * as well: MySQL (8.0.16+) marks system accounts by it, only an account holding it may alter them
     * (Aurora's master user does not: its {@code rdsadmin} and a self-managed server's root-like accounts
     * are such), and they are administrators, not applications.
     */
    default SqlStatement loginAccounts() {
        return SqlStatement.of("SELECT u.User AS user, u.Host AS host, u.account_locked = 'Y' AS locked FROM mysql.user u"
                + " WHERE NOT (u.account_locked = 'Y' AND u.authentication_string = '')"
                + " AND NOT EXISTS (SELECT 1 FROM mysql.role_edges e WHERE e.FROM_USER = u.User AND e.FROM_HOST = u.Host)"
                + " AND NOT EXISTS (SELECT 1 FROM mysql.global_grants g WHERE g.USER = u.User AND g.HOST = u.Host"
                + " AND g.PRIV = 'SYSTEM_USER')"
                + " ORDER BY u.User, u.Host");
    }

    /**
     * {@code ALTER USER IF EXISTS 'user'@'host' ACCOUNT LOCK}: new logins of the account are refused (the
     * account-lock read-only strategy); its open sessions stay until killed. {@code IF EXISTS}: where the
     * statement is binlogged, a replica without the account applies it as a warning instead of stopping.
     */
    default SqlStatement lockAccount(String user, String host) {
        return SqlStatement.of("ALTER USER IF EXISTS " + account(user, host) + " ACCOUNT LOCK");
    }

    /** {@code ALTER USER IF EXISTS 'user'@'host' ACCOUNT UNLOCK}. */
    default SqlStatement unlockAccount(String user, String host) {
        return SqlStatement.of("ALTER USER IF EXISTS " + account(user, host) + " ACCOUNT UNLOCK");
    }

    /** The GTID set this server has written to its binlog: one string column. */
    SqlStatement currentGtidPosition();

    /** The GTID set this server has applied as a replica: one string column. */
    SqlStatement executedGtidPosition();

    /**
     * Waits until this replica has applied {@code gtidSet}, at most {@code timeoutSeconds}: one
     * numeric column, to be read with {@link #interpretGtidWait(Number)}.
     */
    SqlStatement waitForGtid(String gtidSet, long timeoutSeconds);

    /**
     * The meaning of the value {@link #waitForGtid} returned.
     *
     * @throws IllegalStateException for {@code null} or a value the function does not document
     */
    GtidWaitResult interpretGtidWait(Number result);

    /**
     * Points this server's replication at a source, starting at {@code position}, over TLS when
     * {@code encrypted} ({@code SOURCE_SSL=1}, {@code MASTER_SSL=1}, Aurora's
     * {@code rds_set_binlog_source_ssl(1)}) and in plain text otherwise: the server's certificate is not
     * verified, the link is encrypted. Replication must be stopped first ({@link #stopReplica()}); it starts
     * with {@link #startReplica()}.
     *
     * @param password the replication account's password; masked in the statements' {@code loggable()}
     * @throws StrategyNotSupportedException when the server has no way to set up what is asked (encrypted
     *         auto-positioning on Aurora before 3.06)
     */
    List<SqlStatement> changeSource(String host, int port, String user, Secret password, ReplicationPosition position,
            boolean encrypted);

    /** As {@link #changeSource(String, int, String, Secret, ReplicationPosition, boolean)}, encrypted (the default). */
    default List<SqlStatement> changeSource(String host, int port, String user, Secret password, ReplicationPosition position) {
        return changeSource(host, port, user, password, position, true);
    }

    /** As {@link #changeSource(String, int, String, Secret, ReplicationPosition, boolean)}, position given as text. */
    default List<SqlStatement> changeSource(String host, int port, String user, Secret password, String position,
            boolean encrypted) {
        return changeSource(host, port, user, password, ReplicationPosition.parse(position), encrypted);
    }

    /** As {@link #changeSource(String, int, String, Secret, ReplicationPosition, boolean)}, encrypted, position given as text. */
    default List<SqlStatement> changeSource(String host, int port, String user, Secret password, String position) {
        return changeSource(host, port, user, password, ReplicationPosition.parse(position), true);
    }

    /** Starts both replication threads. */
    SqlStatement startReplica();

    /** Stops both replication threads. */
    SqlStatement stopReplica();

    /**
     * Stops only the applier (SQL) thread: the replica goes on receiving its source's transactions and falls
     * behind applying them, as a slow or failed applier does (lag drills and tests).
     *
     * @throws StrategyNotSupportedException where the administrative account can only stop both threads (Aurora)
     */
    default SqlStatement stopApplier() {
        throw new StrategyNotSupportedException(flavor(), "no statement that stops only the replica's applier thread");
    }

    /**
     * Starts the applier (SQL) thread {@link #stopApplier()} stopped.
     *
     * @throws StrategyNotSupportedException where {@link #stopApplier()} is not supported
     */
    default SqlStatement startApplier() {
        throw new StrategyNotSupportedException(flavor(), "no statement that starts only the replica's applier thread");
    }

    /** Forgets the replication configuration entirely (replication must be stopped). */
    SqlStatement resetReplicaAll();

    /** The replica status: one row, or none when the server is not a replica. */
    SqlStatement replicaStatus();

    /**
     * How far the replica's applier is behind, from the original commit timestamps (microseconds, stamped by
     * the server that first committed each transaction) the replica reports in {@code performance_schema}:
     * one row, one column, in microseconds. The oldest transaction a worker is applying gives the lag; with
     * none being applied but received transactions waiting (an applier stopped or starved), the newest
     * applied one's timestamp bounds it from above; 0 when everything received is applied. It needs no
     * writes on the source, but compares the source's clock with the replica's. Empty where the server has
     * no such timestamps (MariaDB).
     */
    default java.util.Optional<SqlStatement> commitTimestampLagMicros() {
        return java.util.Optional.empty();
    }

    /** The names of the {@link #replicaStatus()} columns handoff reads. */
    ReplicaStatusColumns replicaStatusColumns();

    /** The binlog status (current file, position and, where the flavor has it, the GTID set). */
    SqlStatement binlogStatus(ServerVersion version);

    /**
     * The statement that empties the binlog and the GTID history of a server of {@code version} (the
     * advice for errant GTIDs on a target before seeding): {@code RESET BINARY LOGS AND GTIDS} on MySQL
     * 8.2 and later (8.4 removed {@code RESET MASTER}), {@code RESET MASTER} on older MySQL and on MariaDB.
     * Destructive: handoff only names it, for the operator.
     */
    SqlStatement resetBinlogAndGtids(ServerVersion version);

    /**
     * How long the server keeps its binlogs: one numeric column, in seconds. {@code 0} means binlogs
     * are never purged by age; {@code NULL} (or no row) means they are purged as soon as no replica
     * needs them (Aurora/RDS without {@code binlog retention hours}).
     */
    default SqlStatement binlogRetentionSeconds() {
        // MariaDB 10.6+ keeps expire_logs_days in step with binlog_expire_logs_seconds, as MySQL 8 does.
        return SqlStatement.of("SELECT @@GLOBAL.binlog_expire_logs_seconds");
    }

    /**
     * Makes the server keep its binlogs for {@code seconds} (at least 1). It sets the value as given,
     * so callers that must never shorten the retention compare with {@link #binlogRetentionSeconds()}
     * first.
     */
    default List<SqlStatement> retainBinlog(long seconds) {
        return List.of(SqlStatement.of("SET GLOBAL binlog_expire_logs_seconds=" + Require.atLeast(seconds, 1, "seconds")));
    }

    /**
     * Whether what {@link #retainBinlog} sets survives a restart of the server. When not, a restart during
     * the migration brings back the configured retention, and the operator must also put the value in the
     * server's configuration file.
     */
    default boolean retentionSurvivesRestart() {
        return false;
    }

    /**
     * The GTIDs this server has written to its binlog, in the form that tells where each came from:
     * one string column. MariaDB: {@code gtid_binlog_state} (the last GTID of every domain and server
     * id pair); MySQL: {@code gtid_executed} (every GTID, per source UUID).
     */
    SqlStatement binlogGtidState();

    /**
     * Whether every GTID of {@code subset} is in {@code superset}: one numeric column, 1 or 0. Run on
     * any server of the flavor; it reads no state.
     *
     * @throws StrategyNotSupportedException where the flavor's GTIDs are not sets (MariaDB)
     */
    default SqlStatement gtidSubset(String subset, String superset) {
        throw new StrategyNotSupportedException(flavor(), "no GTID set arithmetic (GTID_SUBSET) on this flavor");
    }

    /**
     * The GTIDs of {@code set} that are not in {@code minus} ({@code GTID_SUBTRACT}): one string column. Run
     * on any server of the flavor; it reads no state.
     *
     * @throws StrategyNotSupportedException where the flavor's GTIDs are not sets (MariaDB)
     */
    default SqlStatement gtidSubtract(String set, String minus) {
        throw new StrategyNotSupportedException(flavor(), "no GTID set arithmetic (GTID_SUBTRACT) on this flavor");
    }

    /**
     * Records {@code gtidSet} as applied without running it, as a restored dump or snapshot needs: the
     * GTIDs of the set that {@code gtid_executed} lacks are added to {@code gtid_purged} (none missing:
     * a no-op, which also probes the privilege or the procedure). MySQL: {@code SET GLOBAL gtid_purged},
     * which needs SYSTEM_VARIABLES_ADMIN or SUPER; Aurora MySQL 3.04+: {@code CALL mysql.rds_gtid_purged}.
     *
     * @throws StrategyNotSupportedException where the flavor keeps no purged GTID set (MariaDB) or has no
     *                                       way for its administrative account to set it (Aurora MySQL 2)
     */
    default SqlStatement addPurgedGtids(String gtidSet) {
        throw new StrategyNotSupportedException(flavor(), "no gtid_purged to record a restored GTID set in");
    }

    /**
     * Global variables by name: columns {@code Variable_name}, {@code Value}; one row per variable the
     * server has (an unknown name gives no row).
     */
    default SqlStatement globalVariables(List<String> names) {
        Require.nonNull(names, "names");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("globalVariables needs at least one name");
        }
        return new SqlStatement("SHOW GLOBAL VARIABLES WHERE Variable_name IN (" + String.join(", ",
                java.util.Collections.nCopies(names.size(), "?")) + ")", List.copyOf(names), List.of());
    }

    /** The privileges of the connected account: one row per {@code GRANT} statement, one string column. */
    default SqlStatement showGrants() {
        return SqlStatement.of("SHOW GRANTS");
    }

    // What differs between flavors beyond statements. Callers ask these instead of which flavor they hold.

    /**
     * {@code true} where the server writes MariaDB's GTIDs (domain-server-sequence positions, {@code gtid_strict_mode},
     * {@code gtid_slave_pos}) rather than MySQL's UUID sets ({@code gtid_mode}, {@code gtid_executed}): a server that
     * really is MariaDB, whatever its registered flavor (the Aurora stand-in on MariaDB included).
     */
    default boolean domainGtids() {
        return false;
    }

    /** The privilege that lets an account read binlog and replica status: MySQL's REPLICATION CLIENT, MariaDB's BINLOG MONITOR. */
    default String binlogStatusPrivilege() {
        return "REPLICATION CLIENT";
    }

    /**
     * The privileges any one of which lets the administrative account end other accounts' sessions with
     * {@link #killConnection}; empty where that goes through a procedure the administrative account may execute
     * (Aurora's {@code mysql.rds_kill}).
     */
    default List<String> killPrivileges() {
        return List.of("SUPER", "CONNECTION ADMIN");
    }

    /** The names of the dump program that reads this server, preferred first (both families install the other's name). */
    default List<String> dumpPrograms() {
        return List.of("mysqldump", "mariadb-dump");
    }

    /** The names of the command-line client for this server, preferred first. */
    default List<String> clientPrograms() {
        return List.of("mysql", "mariadb");
    }

    /** The class of the Debezium connector that tails this server's binlog. */
    default String binlogConnector() {
        return "io.debezium.connector.mysql.MySqlConnector";
    }

    /**
     * {@code true} where a snapshot of the server is a cluster snapshot taken through the RDS API
     * ({@code CreateDBClusterSnapshot}, Aurora) rather than a dump into a file.
     */
    default boolean snapshotsThroughRds() {
        return false;
    }

    private static String account(String user, String host) {
        return SqlLiteral.quote(Require.nonNull(user, "account user")) + "@" + SqlLiteral.quote(Require.nonNull(host, "account host"));
    }
}
