package io.handoff.common.step;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * The facts of the steps cutover-service runs on the database servers (and on RDS where the plan's strategy uses it).
 * Each record says what its step reports; see {@link StepParameters} for what the step does and how it is undone.
 * What several steps report alike is one part ({@link KilledSessions}, {@link SecurityGroups}, {@link ReplicaHold}),
 * unwrapped into their facts: the JSON object stays flat.
 */
public final class CutoverFacts {

    private CutoverFacts() {
    }

    /**
     * PRECHECK: what it found. A BLOCKING finding fails the step (with these facts); WARNINGs are reported and the
     * plan goes on.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Precheck(List<Finding> findings) implements StepFacts {
    }

    /**
     * One problem PRECHECK found.
     *
     * @param severity {@code BLOCKING} stops the plan; {@code WARNING} is reported and the plan goes on
     * @param check    which check found it ({@code binlog}, {@code binlog_format}, {@code server_id}, ...)
     * @param cluster  the cluster it is about (both, for a comparison, as {@code source/target})
     * @param detail   what is wrong and what to do, without secrets
     */
    public record Finding(String severity, String check, String cluster, String detail) {
    }

    /**
     * RETAIN_BINLOG: the source's binlog retention before and after the step, seconds (0 = never purged; no
     * {@code previousRetentionSeconds} = purged at once), whether it survives a restart of the source (false:
     * MariaDB's {@code SET GLOBAL}), and a {@code warning} the operator should act on.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RetainBinlog(Long previousRetentionSeconds, Long retentionSeconds, Boolean alreadyApplied,
            Boolean retentionPersistent, String warning) implements StepFacts, StepFacts.Converging {
    }

    /**
     * SEED: the method used; {@code position}, where replication of the target starts; {@code rows} in the seeded
     * schemas on the target after the load and {@code bytes} copied (parallel, mysqldump); of the parallel method the
     * {@code chunks}, the {@code threads}, the chunks an earlier attempt copied and kept or copied again, how long the
     * source's commits were blocked to open the snapshot ({@code snapshotLockMs}) and the secondary indexes built after
     * the rows; {@code targetLoadGtids}, the target's own GTIDs a binlogged load created (Aurora), absent when the load
     * was not binlogged.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Seed(String method, String position, Long rows, Long bytes, Long chunks, Integer threads, Long chunksKept,
            Long chunksRecopied, Long snapshotLockMs, Long indexesBuiltAfter, String targetLoadGtids, Boolean alreadyApplied)
            implements StepFacts, StepFacts.Converging, StepFacts.AtPosition {
    }

    /**
     * START_REPLICATION: the position configured (or the replica's executed position when it already ran), and
     * whether the replica's own read-only switch is on afterwards ({@code warning} says why not).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StartReplication(Boolean alreadyApplied, String position, @JsonUnwrapped ReplicaHold replicaHold)
            implements StepFacts, StepFacts.Converging, StepFacts.AtPosition {
    }

    /**
     * Part of START_REPLICATION's and REVERSE_REPLICATION's facts: whether the replica's own read-only switch is on
     * afterwards, and when it could not be set a {@code warning} saying why (the flip's strategy alone fences it then).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReplicaHold(Boolean replicaReadOnly, String warning) {
    }

    /** FLUSH_TABLES: how long the flush took, ms. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FlushTables(Long durationMs) implements StepFacts {
    }

    /**
     * READ_ONLY: when the server (or RDS) confirmed the fence ({@code confirmedAt}, ISO instant); on the old master of a
     * flip whether the plan's heartbeat fence marker is in place ({@code heartbeatFenced}; false: no heartbeat table);
     * with account-lock the accounts locked, whether the locks were binlogged, the sessions killed, and
     * {@code replicaReadOnly} when the cluster's own read-only switch holds it already (a replica: nothing was locked);
     * with security-group-swap the RDS cluster, its groups before and after, how long RDS took, and the sessions killed;
     * on the old master of a flip the scheduled events set {@code DISABLE ON SLAVE} before the fence
     * ({@code eventsDisabled}, {@code schema.event}; absent when none was enabled).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReadOnly(Boolean alreadyApplied, String confirmedAt, Boolean heartbeatFenced, List<String> lockedAccounts,
            Boolean locksBinlogged, Boolean replicaReadOnly, @JsonUnwrapped KilledSessions killedSessions,
            @JsonUnwrapped SecurityGroups securityGroupSwap, List<String> eventsDisabled)
            implements StepFacts, StepFacts.Converging {
    }

    /** Part of READ_ONLY's and KILL_CONNECTIONS' facts: how many sessions were killed, and their accounts, sorted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KilledSessions(Integer killed, List<String> killedUsers) {
    }

    /**
     * Part of READ_ONLY's and WRITABLE's facts under security-group-swap: the RDS cluster, its VPC security groups
     * when the step found it and once it was done, when the API showed them in effect (a READ_ONLY's
     * {@code confirmedAt} is later: the sessions opened before the swap were killed first) and how long the step
     * waited for that, ms.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SecurityGroups(String rdsCluster, List<String> previousSecurityGroups, List<String> securityGroups,
            String securityGroupsConfirmedAt, Long waitedMs) {
    }

    /** KILL_CONNECTIONS: how many sessions were killed, and their accounts, sorted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KillConnections(@JsonUnwrapped KilledSessions killedSessions) implements StepFacts {
    }

    /**
     * WAIT_SYNC: the old master's final position, how long the new master took to apply it, ms; when it failed, the
     * position the new master had applied ({@code replicaPosition}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WaitSync(String position, Long waitedMs, String replicaPosition) implements StepFacts, StepFacts.AtPosition {
    }

    /**
     * SNAPSHOT: where the snapshot is ({@code snapshot}: a file path, or an RDS snapshot identifier, with its ARN and
     * cluster), its size and position (a file), how long RDS took and when it was complete.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Snapshot(String snapshot, Long bytes, String position, String snapshotArn, String rdsCluster,
            Long waitedMs, String confirmedAt, Boolean alreadyApplied)
            implements StepFacts, StepFacts.Converging, StepFacts.AtPosition {
    }

    /** STOP_REPLICA: whether replication was already stopped. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StopReplica(Boolean alreadyApplied) implements StepFacts, StepFacts.Converging {
    }

    /**
     * CAPTURE_POSITION: the cluster's GTID position, and the cluster it was read on (the new master; the old one after
     * a crash past WRITABLE).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CapturePosition(String position, String positionReadOn) implements StepFacts, StepFacts.AtPosition {
    }

    /**
     * WRITABLE: when the server (or RDS) confirmed it takes writes; with account-lock the accounts unlocked and whether
     * the unlocks were binlogged; with security-group-swap the RDS cluster, its groups before and after and how long
     * RDS took; the scheduled events it enabled, which were kept off there as on a replica ({@code eventsEnabled},
     * {@code schema.event}; absent when none was), and {@code eventsWarning} when the server refused to enable them, or
     * its event scheduler is not ON so that they do not run (the step still succeeds: the server takes writes).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Writable(Boolean alreadyApplied, String confirmedAt, List<String> unlockedAccounts, Boolean locksBinlogged,
            @JsonUnwrapped SecurityGroups securityGroupSwap, List<String> eventsEnabled, String eventsWarning)
            implements StepFacts, StepFacts.Converging {
    }

    /** RESET_REPLICA: whether the cluster held no replication configuration already. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResetReplica(Boolean alreadyApplied) implements StepFacts, StepFacts.Converging {
    }

    /**
     * REVERSE_REPLICATION: whether the old master replicated from the new one already; {@code refenced} when it had
     * taken writes again and was fenced again first; whether its own read-only switch is on ({@code warning} says why
     * not).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReverseReplication(Boolean alreadyApplied, Boolean refenced, @JsonUnwrapped ReplicaHold replicaHold)
            implements StepFacts, StepFacts.Converging {
    }

    /** ROLLBACK: what was done, in order (empty when everything was in place; what was done before a failure). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rollback(List<String> actions, Boolean alreadyApplied) implements StepFacts, StepFacts.Converging {
    }

    /**
     * DECOMMISSION: the retired server's final GTID position, whether it is still fenced with the plan's strategy and
     * whether it holds a replication configuration, and what was done.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decommission(String finalPosition, Boolean fenced, Boolean replicationConfigured, List<String> actions,
            Boolean alreadyApplied) implements StepFacts, StepFacts.Converging {
    }

    /**
     * SEED's progress while it copies, a PROGRESS event's facts (not the step's outcome): rows and bytes copied so far,
     * rows/s, the servers' estimate of the rows to copy, the share done and the time left (when the estimate gives
     * them), the chunks done (copied, kept or copied again) of all, the rows copied per table, and the sessions on the
     * source waiting for a metadata lock (most likely one the seed's snapshot holds: DDL on a table the seed has read), as
     * {@code session 42 (app@10.0.0.5:53422) 12 s}, absent when none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SeedProgress(long rows, long bytes, long rowsPerSecond, long estimatedRows, Long percent, Long secondsLeft,
            long chunksDone, long chunksTotal, Map<String, Long> tables, List<String> waitingForMetadataLock) {
    }
}
