package io.handoff.common.event;

/**
 * Names of the {@link StepCommand#params()} and {@link StepEvent#facts()} entries, shared by the planner
 * that writes them and the executors that read them. The params of each step type are the components of its record in
 * {@link io.handoff.common.step.StepParameters}, which the planner compiles and the executors decode; the facts are the
 * components of its record in {@link io.handoff.common.step.StepFacts}, which the executors report and the planner reads
 * back. What each flip step expects:
 *
 * <table>
 * <caption>Flip steps</caption>
 * <tr><th>step</th><th>params</th><th>facts on success</th></tr>
 * <tr><td>PRECHECK</td><td>cluster (target), sourceCluster, strategies ({readOnly, kill}, optional), schemas (optional)</td>
 *     <td>findings (WARNING only; a BLOCKING finding fails the step, with the findings as facts)</td></tr>
 * <tr><td>RETAIN_BINLOG</td><td>cluster (the source), retainSeconds</td><td>previousRetentionSeconds, retentionSeconds, alreadyApplied</td></tr>
 * <tr><td>SEED</td><td>cluster (target), sourceCluster, method (parallel, mysqldump, xtrabackup, external), schemas
 *     (parallel, mysqldump), logLine (xtrabackup), position (external)</td><td>method, position (where replication starts),
 *     rows, bytes (parallel, mysqldump), chunks, snapshotLockMs (parallel), alreadyApplied</td></tr>
 * <tr><td>START_REPLICATION</td><td>cluster (target), sourceCluster, position (SEED's)</td><td>alreadyApplied, position</td></tr>
 * <tr><td>FLUSH_TABLES</td><td>cluster</td><td>durationMs</td></tr>
 * <tr><td>READ_ONLY</td><td>cluster, strategies (optional), exemptUsers (account-lock)</td><td>alreadyApplied, confirmedAt
 *     (ISO instant the server confirmed); account-lock: lockedAccounts, killed, killedUsers, locksBinlogged</td></tr>
 * <tr><td>KILL_CONNECTIONS</td><td>cluster, exemptUsers (list), strategies (optional)</td><td>killed (count), killedUsers</td></tr>
 * <tr><td>SNAPSHOT</td><td>cluster, schemas (optional)</td><td>snapshot (file path), bytes, position, alreadyApplied</td></tr>
 * <tr><td>WAIT_SYNC</td><td>cluster (B), sourceCluster (A), timeoutMs</td><td>position (A's final GTID position), waitedMs</td></tr>
 * <tr><td>STOP_REPLICA</td><td>cluster</td><td>alreadyApplied</td></tr>
 * <tr><td>CAPTURE_POSITION</td><td>cluster</td><td>position (the cluster's GTID position)</td></tr>
 * <tr><td>WRITABLE</td><td>cluster, strategies (optional), exemptUsers (account-lock)</td><td>alreadyApplied, confirmedAt;
 *     account-lock: unlockedAccounts, locksBinlogged</td></tr>
 * <tr><td>RESET_REPLICA</td><td>cluster</td><td>alreadyApplied</td></tr>
 * <tr><td>REVERSE_REPLICATION</td><td>cluster (A), sourceCluster (B), position (B's captured position)</td><td>alreadyApplied</td></tr>
 * <tr><td>ROLLBACK</td><td>cluster (A, the master to restore), sourceCluster... see below</td><td>actions (list of what was done)</td></tr>
 * <tr><td>SWITCH_DNS</td><td>application, records (list of {@link #RECORD_ZONE zone, name, type, ttl, value, previousValue})</td>
 *     <td>zones, oldValues, newValues, insyncMs, alreadyApplied</td></tr>
 * </table>
 *
 * ROLLBACK: {@code cluster} is A (the old master, made writable again) and {@code targetCluster} is B
 * (made read-only again and replicating from A again).
 */
public final class StepParams {
    /** Name of the cluster (in the registry) the step acts on. */
    public static final String CLUSTER = "cluster";
    /** Name of the cluster the step reads from or replicates from. */
    public static final String SOURCE_CLUSTER = "sourceCluster";
    /**
     * ROLLBACK: the new master being given up (B). READ_ONLY of the old master (optional): the flip's new master,
     * on which the read-only strategy is checked too before anything changes.
     */
    public static final String TARGET_CLUSTER = "targetCluster";
    /** Accounts never killed or locked (list of user names). */
    public static final String EXEMPT_USERS = "exemptUsers";
    /** How long a waiting step may wait, in milliseconds. */
    public static final String TIMEOUT_MS = "timeoutMs";
    /** A replication position: a GTID set, or {@code file:position}. */
    public static final String POSITION = "position";
    /** SWITCH_DNS: the application whose records switch. */
    public static final String APPLICATION = "application";
    /** FLIP_BACK: the facts the SWITCH_DNS step being undone reported (what it replaced, exactly). */
    public static final String SWITCH_FACTS = "switchFacts";
    /** SWITCH_DNS: the highest TTL in force the switch accepts (seconds); above it, run LOWER_TTL first. */
    public static final String MAX_TTL_SECONDS = "maxTtlSeconds";
    /** SWITCH_DNS: the records to switch. */
    public static final String RECORDS = "records";
    /** Record entry: hosted zone name (with trailing dot) or id. */
    public static final String RECORD_ZONE = "zone";
    /** Record entry: record name. */
    public static final String RECORD_NAME = "name";
    /** Record entry: CNAME or A. */
    public static final String RECORD_TYPE = "type";
    /** Record entry: TTL in seconds. */
    public static final String RECORD_TTL = "ttl";
    /** LOWER_TTL: the TTL to lower the records to, seconds. */
    public static final String TTL = "ttl";
    /** Fact of LOWER_TTL: per record {zone, name, type, setIdentifier, ttl} with the TTL before; RESTORE_TTL's records. */
    public static final String FACT_OLD_TTLS = "oldTtls";
    /** Record entry: the value to switch to. */
    public static final String RECORD_VALUE = "value";
    /** Record entry: the value expected before the switch. */
    public static final String RECORD_PREVIOUS_VALUE = "previousValue";

    /** START_MONITOR: the heartbeat writer's interval on the source, in milliseconds (optional). */
    public static final String INTERVAL_MS = "intervalMs";

    /** PRECHECK: the read-only and kill strategies to check privileges for ({readOnly, kill}; default global and kill). */
    public static final String STRATEGIES = "strategies";
    /** {@link #STRATEGIES} entry: {@code global}, {@code account-lock}, {@code security-group-swap} or {@code rds-read-only}. */
    public static final String STRATEGY_READ_ONLY = "readOnly";
    /** {@link #STRATEGIES} entry: {@code kill}, {@code rds-kill} or {@code per-user}. */
    public static final String STRATEGY_KILL = "kill";
    /**
     * START_REPLICATION, REVERSE_REPLICATION and ROLLBACK (optional, default {@code true}): whether the replication
     * they set up is encrypted ({@code SOURCE_SSL=1}, {@code MASTER_SSL=1}, Aurora's {@code rds_set_binlog_source_ssl(1)});
     * {@code false} only when the plan asks for plain replication.
     */
    public static final String REPLICATION_SSL = "replicationSsl";
    /** RETAIN_BINLOG: how long the source must keep its binlogs, seconds. */
    public static final String RETAIN_SECONDS = "retainSeconds";
    /** SEED (and PRECHECK, optionally): the schemas to copy (list of names). */
    public static final String SCHEMAS = "schemas";
    /** SEED: {@code parallel}, {@code mysqldump}, {@code xtrabackup} or {@code external}. */
    public static final String SEED_METHOD = "method";
    /** SEED with method {@code xtrabackup}: the backup's log line or binlog info file content. */
    public static final String LOG_LINE = "logLine";

    /** Fact: the step found its effect already in place and changed nothing. */
    public static final String FACT_ALREADY_APPLIED = "alreadyApplied";
    /** Fact: when the server confirmed the change (ISO-8601 instant). */
    public static final String FACT_CONFIRMED_AT = "confirmedAt";
    /** Fact: a GTID position. */
    public static final String FACT_POSITION = "position";
    /** CAPTURE_POSITION: the cluster its position was read on (the new master; the old one after a crash past WRITABLE). */
    public static final String FACT_POSITION_READ_ON = "positionReadOn";
    /** Fact of KILL_CONNECTIONS: the accounts whose sessions were killed, sorted. */
    public static final String FACT_KILLED_USERS = "killedUsers";
    /** Fact of ROLLBACK: what was done, in order; empty when everything was in place. */
    public static final String FACT_ACTIONS = "actions";
    /** Fact of SWITCH_DNS: record name to value before the switch. */
    public static final String FACT_OLD_VALUES = "oldValues";
    /** Fact of SWITCH_DNS: record name to value after the switch. */
    public static final String FACT_NEW_VALUES = "newValues";
    /** Fact of SWITCH_DNS: the longest submission-to-INSYNC time of its zones, ms. */
    public static final String FACT_INSYNC_MS = "insyncMs";
    /** Fact of SWITCH_DNS: Route 53 calls the SDK retried (throttling, 5xx). */
    public static final String FACT_SDK_RETRIES = "sdkRetries";
    /** Fact of START_MONITOR: the lag of the monitor's first published sample, ms. */
    public static final String FACT_FIRST_LAG_MS = "firstLagMs";

    /**
     * Fact of READ_ONLY, WRITABLE and ROLLBACK with the account-lock strategy: the application accounts
     * ({@code 'user'@'host'}) the strategy governs on the cluster, now locked (READ_ONLY) or unlocked.
     */
    public static final String FACT_LOCKED_ACCOUNTS = "lockedAccounts";
    /** Fact of the account-lock strategy: the lock statements were binlogged (the account may not switch sql_log_bin off). */
    public static final String FACT_LOCKS_BINLOGGED = "locksBinlogged";
    /** Fact of SNAPSHOT: where the snapshot is (a file path, or an RDS snapshot identifier). */
    public static final String FACT_SNAPSHOT = "snapshot";

    /** Fact of PRECHECK: list of {severity BLOCKING|WARNING, check, cluster, detail}. */
    public static final String FACT_FINDINGS = "findings";
    /** Fact of SEED: rows in the seeded schemas on the target after the load. */
    public static final String FACT_ROWS = "rows";
    /** Fact of SEED: size of the dump streamed into the target, bytes. */
    public static final String FACT_BYTES = "bytes";
    /**
     * Fact of SEED by dump into a target whose account may not switch binlogging off (Aurora): the GTIDs of the
     * target's own ({@code server_uuid}) that the binlogged load created, normalised; added to the source's
     * {@code gtid_purged} so that replication skips them both ways. Absent when the load was not binlogged.
     */
    public static final String FACT_TARGET_LOAD_GTIDS = "targetLoadGtids";
    /** Fact of SEED by the parallel method: the chunks of tables copied. */
    public static final String FACT_SEED_CHUNKS = "chunks";
    /**
     * Fact of SEED by the parallel method, when it resumed an earlier attempt: the chunks that attempt copied which were
     * found unchanged against the new snapshot and kept.
     */
    public static final String FACT_SEED_CHUNKS_KEPT = "chunksKept";
    /** Fact of SEED by the parallel method, when it resumed: the chunks an earlier attempt copied that changed since, copied again. */
    public static final String FACT_SEED_CHUNKS_RECOPIED = "chunksRecopied";
    /**
     * Fact of SEED by the parallel method: the plain secondary indexes dropped before the rows and built after them (0 for
     * a binlogged load, which keeps its indexes).
     */
    public static final String FACT_SEED_INDEXES_BUILT_AFTER = "indexesBuiltAfter";
    /** Fact of SEED by the parallel method: how long the source's commits were blocked to open its snapshot, ms. */
    public static final String FACT_SEED_LOCK_MS = "snapshotLockMs";
        /** Fact of SEED: the method used. */
    public static final String FACT_METHOD = "method";
    /** Fact of RETAIN_BINLOG: the source's binlog retention before the step, seconds (0 = never purged, null = purged at once). */
    public static final String FACT_PREVIOUS_RETENTION_SECONDS = "previousRetentionSeconds";
    /** Fact of RETAIN_BINLOG: the source's binlog retention after the step, seconds (0 = never purged). */
    public static final String FACT_RETENTION_SECONDS = "retentionSeconds";
    /** Fact of RETAIN_BINLOG: whether the retention survives a restart of the source (false: MariaDB's SET GLOBAL). */
    public static final String FACT_RETENTION_PERSISTENT = "retentionPersistent";
    /**
     * Fact of START_REPLICATION (and ROLLBACK's replica): whether the replica's own read-only switch is on afterwards
     * (false when the flavor or the account cannot set it; a {@code warning} then says why).
     */
    public static final String FACT_REPLICA_READ_ONLY = "replicaReadOnly";
    /** Fact of a step that succeeded with something the operator should act on: one sentence. */
    public static final String FACT_WARNING = "warning";

    /** CHECK_HEALTH: the application's health check URL (http or https); a 2xx answer passes. */
    public static final String HEALTH_CHECK_URL = "url";
    /** Fact of CHECK_HEALTH: the HTTP status of the last answer, or null when there was none. */
    public static final String FACT_HTTP_STATUS = "httpStatus";
    /** Fact of CHECK_HEALTH: how many probes were made. */
    public static final String FACT_ATTEMPTS = "attempts";
    /** Fact of DECOMMISSION: the retired server's final GTID position (gtid_binlog_pos / gtid_executed). */
    public static final String FACT_FINAL_POSITION = "finalPosition";
    /** Fact of DECOMMISSION: true when the retired server holds no replication configuration. */
    public static final String FACT_REPLICATION_CONFIGURED = "replicationConfigured";
    /** Fact of DECOMMISSION: true when the retired server is still fenced with the plan's read-only strategy. */
    public static final String FACT_FENCED = "fenced";

    private StepParams() {
    }
}
