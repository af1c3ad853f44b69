package io.handoff.common.event;

/**
 * Names of the {@link StepCommand#params()} and {@link StepEvent#facts()} entries, shared by the planner
 * that writes them and the executors that read them. What each flip step expects:
 *
 * <table>
 * <caption>Flip steps</caption>
 * <tr><th>step</th><th>params</th><th>facts on success</th></tr>
 * <tr><td>FLUSH_TABLES</td><td>cluster</td><td>durationMs</td></tr>
 * <tr><td>READ_ONLY</td><td>cluster</td><td>alreadyApplied, confirmedAt (ISO instant the server confirmed)</td></tr>
 * <tr><td>KILL_CONNECTIONS</td><td>cluster, exemptUsers (list)</td><td>killed (count), killedUsers</td></tr>
 * <tr><td>WAIT_SYNC</td><td>cluster (B), sourceCluster (A), timeoutMs</td><td>position (A's final GTID position), waitedMs</td></tr>
 * <tr><td>STOP_REPLICA</td><td>cluster</td><td>alreadyApplied</td></tr>
 * <tr><td>CAPTURE_POSITION</td><td>cluster</td><td>position (the cluster's GTID position)</td></tr>
 * <tr><td>WRITABLE</td><td>cluster</td><td>alreadyApplied, confirmedAt</td></tr>
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
    /** ROLLBACK: the new master being given up (B). */
    public static final String TARGET_CLUSTER = "targetCluster";
    /** Accounts never killed or locked (list of user names). */
    public static final String EXEMPT_USERS = "exemptUsers";
    /** How long a waiting step may wait, in milliseconds. */
    public static final String TIMEOUT_MS = "timeoutMs";
    /** A replication position: a GTID set, or {@code file:position}. */
    public static final String POSITION = "position";
    /** SWITCH_DNS: the application whose records switch. */
    public static final String APPLICATION = "application";
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
    /** Record entry: the value to switch to. */
    public static final String RECORD_VALUE = "value";
    /** Record entry: the value expected before the switch. */
    public static final String RECORD_PREVIOUS_VALUE = "previousValue";

    /** Fact: the step found its effect already in place and changed nothing. */
    public static final String FACT_ALREADY_APPLIED = "alreadyApplied";
    /** Fact: when the server confirmed the change (ISO-8601 instant). */
    public static final String FACT_CONFIRMED_AT = "confirmedAt";
    /** Fact: a GTID position. */
    public static final String FACT_POSITION = "position";
    /** Fact: how long the step waited, ms. */
    public static final String FACT_WAITED_MS = "waitedMs";

    private StepParams() {
    }
}
