package io.handoff.common.step;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.handoff.common.Require;
import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepType;
import java.util.List;

/**
 * The parameters of one step type, as the planner compiles them and as the executors read them: one record per step
 * type, named by it ({@link StepContracts#parametersOf}). On the wire they are the JSON object of
 * {@link io.handoff.common.event.StepCommand#params()} with the command's {@code type} as the discriminator; the
 * record's component names are the param names ({@link io.handoff.common.event.StepParams}). A component that is null
 * is absent from the command. A param that another step's fact fills when the step is sent ({@code position} of
 * START_REPLICATION and REVERSE_REPLICATION, {@code records} of RESTORE_TTL) is null in the compiled record.
 *
 * <p>Clusters are named as in the cluster registry, never with credentials. Where a step fences, ends sessions or
 * lifts a fence it carries the plan's {@link Strategies} and the accounts account-lock leaves alone
 * ({@code exemptUsers}), so that undoing uses the same way.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface StepParameters {

    /** The step type these parameters are of: the one {@link StepContracts} pairs this record with. */
    default StepType type() {
        return StepContracts.typeOf(getClass());
    }

    /** The parameters of a step that acts on one cluster, the one named {@code cluster}. */
    interface OnCluster {
        /** The cluster the step acts on, as the cluster registry names it. */
        String cluster();
    }

    /** The parameters of a step that reads from, replicates from or compares with another cluster. */
    interface FromSource {
        /** The other cluster (the source of the step), or null when the step may go without it. */
        String sourceCluster();
    }

    /** The parameters of a step that names the flip's other side as {@code targetCluster}. */
    interface ToTarget {
        /** The other side (the new master of the flip), or null when the step goes without it. */
        String targetCluster();
    }

    /** The parameters of a step that fences, ends sessions or lifts a fence: the plan's strategies. */
    interface WithStrategies {
        /** The plan's strategies, or null for the executors' defaults. */
        Strategies strategies();
    }

    /** The parameters of a step that leaves some accounts alone (never killed, never locked). */
    interface WithExemptUsers {
        /** The accounts left alone, or null for none. */
        List<String> exemptUsers();
    }

    /** The parameters of a step limited to some schemas. */
    interface InSchemas {
        /** The schemas, or null for every schema but the servers' own. */
        List<String> schemas();
    }

    /** The parameters of a step that sets up replication. */
    interface Replicating {
        /** {@code false} for plain replication; null or {@code true}: encrypted. */
        Boolean replicationSsl();
    }

    /** The parameters of a step that starts from a replication position. */
    interface FromPosition {
        /** A GTID set, or {@code file:position}; null when not given (yet). */
        String position();

        /** These parameters with {@code position}: how the planner fills it from an earlier step's facts. */
        StepParameters withPosition(String position);
    }

    /** The parameters of a step that waits on a server. */
    interface WithTimeout {
        /** How long it may wait, ms, or null for the executor's default. */
        Long timeoutMs();
    }

    /** The parameters of a step about one application (its DNS records, its health check). */
    interface OfApplication {
        /** The application, as the plan names it (the TTL steps and FLIP_BACK may leave it out: it is for reports). */
        String application();
    }

    /** The parameters of a command that carries several steps of the plan, each with its own parameters. */
    interface CarriesSteps {
        /** The steps, in the plan's order; at least one. */
        List<FenceSteps.Step> steps();
    }

    /** The plan's read-only strategy and kill strategy, as the executors read them; one left out takes the executors' default. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Strategies(String readOnly, String kill) {
    }

    /**
     * One DNS record an application's switch changes: to {@code value}, {@code values} (several, A only) or
     * {@code alias} (no ttl then), exactly one of them; from {@code previousValue} or {@code previousValues}, the
     * value expected before the switch (optional); {@code setIdentifier} and {@code weight} for a weighted record.
     * dns-service checks what one record's fields say together (the zone holds the name, one value given).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SwitchedRecord(String zone, String name, String type, Long ttl, String value, List<String> values, Alias alias,
            String setIdentifier, Long weight, String previousValue, List<String> previousValues) {
        public SwitchedRecord {
            Require.nonBlank(zone, "zone");
            Require.nonBlank(name, "name");
            Require.nonBlank(type, "type");
        }

        /** A plain record: one value, from {@code previousValue}. */
        public SwitchedRecord(String zone, String name, String type, long ttl, String value, String previousValue) {
            this(zone, name, type, ttl, value, null, null, null, null, previousValue, null);
        }
    }

    /** The target of an alias record (Route 53). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Alias(String hostedZoneId, String dnsName, Boolean evaluateTargetHealth) {
        public Alias {
            Require.nonBlank(hostedZoneId, "hostedZoneId");
            Require.nonBlank(dnsName, "dnsName");
        }
    }

    /** One DNS record named by its zone, name, type and, for a weighted record, set identifier; {@code ttl} when it has one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NamedRecord(String zone, String name, String type, String setIdentifier, Long ttl) {
        public NamedRecord {
            Require.nonBlank(zone, "zone");
            Require.nonBlank(name, "name");
            Require.nonBlank(type, "type");
        }

        /** A record of a simple routing policy, without its TTL. */
        public NamedRecord(String zone, String name, String type) {
            this(zone, name, type, null, null);
        }
    }

    /**
     * PRECHECK of {@code cluster} (the target) against {@code sourceCluster}: binlog, ROW format, server ids, GTID
     * mode, retention, privileges, keys; with the strategies, whether both servers can be fenced that way. Facts:
     * {@code findings} (warnings; a blocking finding fails the step, changing nothing).
     */
    record Precheck(String cluster, String sourceCluster, Strategies strategies, List<String> schemas)
            implements StepParameters, OnCluster, FromSource, WithStrategies, InSchemas {
        public Precheck {
            Require.nonBlank(cluster, "cluster");
            Require.nonBlank(sourceCluster, "sourceCluster");
        }
    }

    /** RETAIN_BINLOG of {@code cluster} (the source): keeps binlogs at least {@code retainSeconds}. Undone by nothing. */
    record RetainBinlog(String cluster, long retainSeconds) implements StepParameters, OnCluster {
        public RetainBinlog {
            Require.nonBlank(cluster, "cluster");
        }
    }

    /**
     * SEED of {@code cluster} from {@code sourceCluster} with {@code method}: parallel or mysqldump ({@code schemas}),
     * xtrabackup ({@code logLine}, the backup's binlog coordinates), external ({@code position}). Facts: where
     * replication starts ({@code position}), rows, bytes, chunks.
     */
    record Seed(String cluster, String sourceCluster, String method, List<String> schemas, String logLine,
            String position) implements StepParameters, OnCluster, FromSource, InSchemas, FromPosition {
        public Seed {
            Require.nonBlank(cluster, "cluster");
            Require.nonBlank(sourceCluster, "sourceCluster");
            Require.nonBlank(method, "method");
        }

        @Override
        public Seed withPosition(String position) {
            return new Seed(cluster, sourceCluster, method, schemas, logLine, position);
        }
    }

    /**
     * START_REPLICATION: {@code cluster} replicates from {@code sourceCluster} from SEED's {@code position} (bound when
     * sent); {@code replicationSsl} false only when the plan asks for plain replication; the replica must run within
     * {@code timeoutMs} (optional). Undone by ROLLBACK.
     */
    record StartReplication(String cluster, String sourceCluster, Boolean replicationSsl, String position,
            Long timeoutMs)
            implements StepParameters, OnCluster, FromSource, Replicating, FromPosition, WithTimeout {
        public StartReplication {
            Require.nonBlank(cluster, "cluster");
            Require.nonBlank(sourceCluster, "sourceCluster");
        }

        @Override
        public StartReplication withPosition(String position) {
            return new StartReplication(cluster, sourceCluster, replicationSsl, position, timeoutMs);
        }
    }

    /**
     * START_MONITOR: the monitor tails {@code sourceCluster}'s binlog for lag and drift towards {@code cluster}; its
     * heartbeat every {@code intervalMs}, its first sample within {@code timeoutMs} (both optional: the monitor's
     * configuration decides).
     */
    record StartMonitor(String cluster, String sourceCluster, Long intervalMs, Long timeoutMs)
            implements StepParameters, OnCluster, FromSource {
        public StartMonitor {
            Require.nonBlank(cluster, "cluster");
            Require.nonBlank(sourceCluster, "sourceCluster");
        }
    }

    /** STOP_MONITOR: the monitor of the pair stops; also the cleanup of a plan that ends early. */
    record StopMonitor(String cluster, String sourceCluster) implements StepParameters, OnCluster, FromSource {
        public StopMonitor {
            Require.nonBlank(cluster, "cluster");
            Require.nonBlank(sourceCluster, "sourceCluster");
        }
    }

    /**
     * WAIT_CAUGHT_UP: decided by the planner from the monitor's lag samples (no command is sent): the lag stayed at
     * most {@code maxLagMs} for {@code caughtUpForMs}, within {@code timeoutMs}.
     */
    record WaitCaughtUp(String cluster, String sourceCluster, long maxLagMs, long caughtUpForMs, long timeoutMs)
            implements StepParameters, OnCluster, FromSource {
        public WaitCaughtUp {
            Require.nonBlank(cluster, "cluster");
            Require.nonBlank(sourceCluster, "sourceCluster");
        }
    }

    /** VERIFY of {@code cluster} against {@code sourceCluster}, in {@code schemas} (all when absent). */
    record Verify(String cluster, String sourceCluster, List<String> schemas)
            implements StepParameters, OnCluster, FromSource, InSchemas {
        public Verify {
            Require.nonBlank(cluster, "cluster");
            Require.nonBlank(sourceCluster, "sourceCluster");
        }
    }

    /** FLUSH_TABLES on {@code cluster}: changes no data, writes no GTID. */
    record FlushTables(String cluster) implements StepParameters, OnCluster {
        public FlushTables {
            Require.nonBlank(cluster, "cluster");
        }
    }

    /**
     * READ_ONLY of {@code cluster} with the plan's strategy; {@code targetCluster} (the old master's READ_ONLY only)
     * names the new master, where the strategy is checked too before anything changes. Undone by WRITABLE or ROLLBACK.
     */
    record ReadOnly(String cluster, Strategies strategies, List<String> exemptUsers, String targetCluster)
            implements StepParameters, OnCluster, WithStrategies, WithExemptUsers, ToTarget {
        public ReadOnly {
            Require.nonBlank(cluster, "cluster");
        }
    }

    /** KILL_CONNECTIONS on {@code cluster}: the application sessions end, {@code exemptUsers} and handoff's stay. */
    record KillConnections(String cluster, List<String> exemptUsers, Strategies strategies)
            implements StepParameters, OnCluster, WithExemptUsers, WithStrategies {
        public KillConnections {
            Require.nonBlank(cluster, "cluster");
        }
    }

    /** WAIT_SYNC: {@code cluster} (B) applies {@code sourceCluster}'s (A, fenced) final position within {@code timeoutMs}. */
    record WaitSync(String cluster, String sourceCluster, Long timeoutMs, Strategies strategies,
            List<String> exemptUsers)
            implements StepParameters, OnCluster, FromSource, WithTimeout, WithStrategies, WithExemptUsers {
        public WaitSync {
            Require.nonBlank(cluster, "cluster");
            Require.nonBlank(sourceCluster, "sourceCluster");
        }
    }

    /** SNAPSHOT of {@code cluster} (A at its final position, outside the write-blocked window), of {@code schemas}. */
    record Snapshot(String cluster, List<String> schemas) implements StepParameters, OnCluster, InSchemas {
        public Snapshot {
            Require.nonBlank(cluster, "cluster");
        }
    }

    /** STOP_REPLICA on {@code cluster}. */
    record StopReplica(String cluster) implements StepParameters, OnCluster {
        public StopReplica {
            Require.nonBlank(cluster, "cluster");
        }
    }

    /**
     * CAPTURE_POSITION of {@code cluster} (B), where reverse replication starts; {@code sourceCluster} (A) is read
     * instead by a redelivered fence that finds B writable already.
     */
    record CapturePosition(String cluster, String sourceCluster, Strategies strategies, List<String> exemptUsers)
            implements StepParameters, OnCluster, FromSource, WithStrategies, WithExemptUsers {
        public CapturePosition {
            Require.nonBlank(cluster, "cluster");
        }
    }

    /** SWITCH_DNS of {@code application}'s {@code records}; refused when a TTL in force is above {@code maxTtlSeconds}. */
    record SwitchDns(String application, List<SwitchedRecord> records, Long maxTtlSeconds)
            implements StepParameters, OfApplication {
        public SwitchDns {
            Require.nonBlank(application, "application");
            Require.nonNull(records, "records");
        }
    }

    /** WRITABLE: {@code cluster} takes writes, with the plan's strategy. */
    record Writable(String cluster, Strategies strategies, List<String> exemptUsers)
            implements StepParameters, OnCluster, WithStrategies, WithExemptUsers {
        public Writable {
            Require.nonBlank(cluster, "cluster");
        }
    }

    /** RESET_REPLICA of {@code cluster}: its replication configuration is forgotten. */
    record ResetReplica(String cluster) implements StepParameters, OnCluster {
        public ResetReplica {
            Require.nonBlank(cluster, "cluster");
        }
    }

    /**
     * REVERSE_REPLICATION: {@code cluster} (A, fenced) replicates from {@code sourceCluster} (B) from B's captured
     * {@code position} (bound when sent), the way back.
     */
    record ReverseReplication(String cluster, String sourceCluster, Strategies strategies, List<String> exemptUsers,
            Boolean replicationSsl, String position)
            implements StepParameters, OnCluster, FromSource, WithStrategies, WithExemptUsers, Replicating,
            FromPosition {
        public ReverseReplication {
            Require.nonBlank(cluster, "cluster");
            Require.nonBlank(sourceCluster, "sourceCluster");
        }

        @Override
        public ReverseReplication withPosition(String position) {
            return new ReverseReplication(cluster, sourceCluster, strategies, exemptUsers, replicationSsl, position);
        }
    }

    /**
     * ROLLBACK: {@code cluster} (A) writable again with the plan's strategy, {@code targetCluster} (B) read-only and
     * replicating from A again, within {@code timeoutMs} (optional) for B to catch up with A.
     */
    record Rollback(String cluster, String targetCluster, List<String> exemptUsers, Strategies strategies,
            Boolean replicationSsl, Long timeoutMs)
            implements StepParameters, OnCluster, ToTarget, WithExemptUsers, WithStrategies, Replicating, WithTimeout {
        public Rollback {
            Require.nonBlank(cluster, "cluster");
            Require.nonBlank(targetCluster, "targetCluster");
        }
    }

    /**
     * FLIP_BACK of {@code application} (optional: the switch's facts name it too): its records back to what the
     * SWITCH_DNS whose facts these are replaced.
     */
    record FlipBack(String application, DnsFacts.SwitchDns switchFacts) implements StepParameters, OfApplication {
        public FlipBack {
            Require.nonNull(switchFacts, "switchFacts");
        }
    }

    /** LOWER_TTL of {@code application}'s {@code records} (without their TTLs) to {@code ttl} seconds, ahead of the flip. */
    record LowerTtl(String application, List<NamedRecord> records, long ttl) implements StepParameters, OfApplication {
        public LowerTtl {
            Require.nonNull(records, "records");
        }
    }

    /**
     * RESTORE_TTL of {@code application}'s records to the TTLs each names: {@code records} is LOWER_TTL's fact
     * {@code oldTtls}, bound when sent.
     */
    record RestoreTtl(String application, List<NamedRecord> records) implements StepParameters, OfApplication {
        /** These parameters with {@code records}: how the planner fills them from LOWER_TTL's facts. */
        public RestoreTtl withRecords(List<NamedRecord> records) {
            return new RestoreTtl(application, records);
        }
    }

    /** DECOMMISSION of {@code cluster} (A, past the point of no return): no replication left, still fenced. */
    record Decommission(String cluster, Strategies strategies, List<String> exemptUsers)
            implements StepParameters, OnCluster, WithStrategies, WithExemptUsers {
        public Decommission {
            Require.nonBlank(cluster, "cluster");
        }
    }

    /**
     * CHECK_HEALTH of {@code application}: decided by the planner (no command is sent), a 2xx from {@code url}
     * within {@code timeoutMs}.
     */
    record CheckHealth(String application, String url, long timeoutMs) implements StepParameters, OfApplication {
        public CheckHealth {
            Require.nonBlank(application, "application");
            Require.nonBlank(url, "url");
        }
    }

    /**
     * FENCE: consecutive steps of the plan that cutover-service runs one after the other as one unit, the flip's
     * write-blocked window among them (READ_ONLY of the old master .. WRITABLE of the new one); each step is admitted,
     * fenced and reported as if it had been sent alone ({@link FenceSteps}). The command may carry more for the
     * applications ({@link io.handoff.common.event.Announcements}, {@link io.handoff.common.event.FollowUp}), read by
     * their own readers. Reports no facts of its own: its steps do. Undone step by step, as its steps are.
     */
    record Fence(List<FenceSteps.Step> steps) implements StepParameters, CarriesSteps {
        public Fence {
            steps = carried(steps);
        }
    }

    /**
     * DNS_SWITCHES: consecutive SWITCH_DNS steps (the applications' switches after the flip) that dns-service runs at
     * once ({@link FenceSteps}); each reports its own facts and is undone by its own FLIP_BACK.
     */
    record DnsSwitches(List<FenceSteps.Step> steps) implements StepParameters, CarriesSteps {
        public DnsSwitches {
            steps = carried(steps);
        }
    }

    private static List<FenceSteps.Step> carried(List<FenceSteps.Step> steps) {
        Require.nonNull(steps, "steps");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("steps must hold at least one step");
        }
        return List.copyOf(steps);
    }
}
