package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.step.StepParameters;
import io.handoff.common.event.StepType;
import io.handoff.common.sql.BackupCoordinates;
import io.handoff.common.sql.ReplicationPosition;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SystemSchemas;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.cluster.PortableSql;
import io.handoff.cutover.cluster.ReplicaState;
import io.handoff.cutover.seed.ClientPrograms;
import io.handoff.cutover.seed.DumpFormat;
import io.handoff.cutover.seed.DumpPipe;
import io.handoff.cutover.seed.ParallelSeed;
import io.handoff.kit.steps.StepEventPublisher;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SEED(cluster = target, sourceCluster = source, method, ...): gives the target the source's data and
 * the position replication starts from (fact {@code position}, for START_REPLICATION).
 * <ul>
 *   <li>{@code mysqldump} (param {@code schemas}): a consistent dump streamed from the source into
 *       the target, loaded without binlogging ({@link DumpPipe}). Facts: {@code position} (the dump's
 *       GTID position, normalised), {@code bytes} (dump size), {@code rows} (rows of the seeded schemas
 *       counted on the target after the load). MariaDB to MariaDB, and MySQL (or Aurora MySQL) to MySQL or
 *       Aurora MySQL, where the target then records the dump's GTID set in {@code gtid_purged}; what differs
 *       is the source's {@link DumpFormat}. A target account that may not switch binlogging off (Aurora's
 *       master user) loads binlogged, and the GTIDs of the target's own that the load created are added to
 *       the source's {@code gtid_purged}, so that replication skips them in both directions: fact
 *       {@code targetLoadGtids} (the MySQL dump format says why). A pair that
 *       cannot replicate (MariaDB to MySQL, MySQL to MariaDB), a target that cannot record the dump's set
 *       (Aurora before 3.04), a source account that may not set {@code gtid_purged} when the load is
 *       binlogged, and a target holding GTIDs its source lacks are refused before anything is changed.</li>
 *   <li>{@code xtrabackup} (param {@code logLine}): the backup was restored out of band; the position
 *       is read from the tool's log line or binlog info file ({@link BackupCoordinates}).</li>
 *   <li>{@code external} (param {@code position}): seeded by a snapshot restore or DMS; the position is
 *       given.</li>
 * </ul>
 *
 * <p>Converging: when the target already replicates from the source, the seed is behind it and is
 * not repeated ({@code alreadyApplied}, {@code position} = what the target has applied). Otherwise a
 * repeated dump simply loads again: the dump drops and recreates each table, so a seed interrupted
 * half-way is redone whole, with a new position. Refused while the target replicates from another
 * server.
 *
 * <p>A source that went away (restarted, a network cut) is waited for: an attempt first waits up to
 * {@code handoff.cutover.seed-source-wait} for the source to accept connections, and a dump cut by a
 * lost or refused connection (client or server error codes that {@link SqlFailures} calls transient)
 * fails retryable, so that the planner's next attempt reloads the seed whole once the source is back.
 */
@Singleton
class SeedHandler extends SqlStepHandler {
    static final String MYSQLDUMP = "mysqldump";
    static final String PARALLEL = "parallel";
    static final String XTRABACKUP = "xtrabackup";
    static final String EXTERNAL = "external";

    private final StepEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    SeedHandler(StepSupport support, StepEventPublisher events) {
        super(StepType.SEED, support, StepParams.SOURCE_CLUSTER, StepParams.CLUSTER);
        this.events = events;
    }

    @Override
    protected void converge(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException {
        StepParameters.Seed seed = args.params(StepParameters.Seed.class);
        String method = seed.method();
        facts.put(StepParams.FACT_METHOD, method);
        switch (method) {
            case EXTERNAL -> facts.put(StepParams.FACT_POSITION, ReplicationPosition.parse(args.position()).toString());
            case XTRABACKUP -> {
                try {
                    facts.put(StepParams.FACT_POSITION, BackupCoordinates.parse(args.required(StepParams.LOG_LINE, seed.logLine())).position().toString());
                } catch (IllegalArgumentException e) {
                    throw args.invalid(StepParams.LOG_LINE, "not a backup's coordinates: " + e.getMessage());
                }
            }
            case MYSQLDUMP, PARALLEL -> copy(args, method, facts);
            default -> throw args.invalid(StepParams.SEED_METHOD, "'" + method + "', not one of parallel, mysqldump, xtrabackup,"
                    + " external");
        }
    }

    private void copy(StepArguments args, String method, Map<String, Object> facts) throws SQLException, StepFailedException {
        ClusterSpec target = args.cluster();
        ClusterSpec source = args.sourceCluster();
        Set<String> schemas = args.schemas();
        if (schemas.isEmpty()) {
            throw args.invalid(StepParams.SCHEMAS, "missing or empty: name the schemas to copy");
        }
        if (schemas.stream().anyMatch(SystemSchemas::contains)) {
            throw args.invalid(StepParams.SCHEMAS, "naming a system schema " + SystemSchemas.NAMES);
        }
        DumpFormat format = DumpFormat.of(SqlDialect.of(source.flavor()));
        Optional<String> unsupported = format.refusal(SqlDialect.of(target.flavor()));
        if (unsupported.isPresent()) {
            throw refuse(args, unsupported.get(), "nothing was changed");
        }
        awaitAnswering(source);
        DumpFormat.Load how;
        try (ClusterSession session = open(target)) {
            Optional<ReplicaState> replica = ClusterState.replica(session);
            if (replica.isPresent() && replica.get().replicatesFrom(source)) {
                facts.put(StepParams.FACT_ALREADY_APPLIED, true);
                facts.put(StepParams.FACT_POSITION, gtidSet(ClusterState.executedGtid(session)));
                facts.put(StepParams.FACT_ROWS, countRows(session, schemas));
                return;
            }
            if (replica.isPresent() && !replica.get().stopped()) {
                throw refuse(args, target.name() + " is " + replica.get().describe(),
                        "run RESET_REPLICA on it first; nothing was changed");
            }
            try (ClusterSession sourceSession = open(source)) {
                how = format.checkTarget(sourceSession, session, schemas);
            } catch (DumpFormat.Refused e) {
                throw refuse(args, e.getMessage(), e.next());
            }
        }
        String position;
        try {
            ClientPrograms programs = new ClientPrograms(support.config.clientBinDir());
            long bytes;
            if (method.equals(PARALLEL)) {
                ParallelSeed.Settings settings = ParallelSeed.Settings.of(support.config.seedThreads(), support.config.seedTimeout())
                        .bounded(support.config.seedMaxRowsPerSecond(), support.config.seedMaxSourceThreadsRunning())
                        .reportingEvery(support.config.seedProgressEvery())
                        .chunksOf(support.config.seedChunkRows());
                StepCommand command = args.command();
                // Progress goes out without waiting: a report lost in a crash is followed by the next one.
                ParallelSeed.Result result = new ParallelSeed(programs, settings,
                        progress -> events.sendWithoutWaiting(StepEvent.progress(command, progress, clock))).run(format, how, source, target,
                        List.copyOf(schemas));
                position = gtidSet(result.position());
                bytes = result.bytes();
                facts.put(StepParams.FACT_SEED_CHUNKS, result.chunks());
                facts.put(StepParams.FACT_SEED_THREADS, settings.threads());
                if (result.chunksKept() + result.chunksRecopied() > 0) {
                    facts.put(StepParams.FACT_SEED_CHUNKS_KEPT, result.chunksKept());
                    facts.put(StepParams.FACT_SEED_CHUNKS_RECOPIED, result.chunksRecopied());
                }
                facts.put(StepParams.FACT_SEED_LOCK_MS, result.lockMillis());
                facts.put(StepParams.FACT_SEED_INDEXES_BUILT_AFTER, result.indexesBuiltAfter());
            } else {
                DumpPipe.Result result = new DumpPipe(programs, support.config.seedTimeout()).run(format, how, source, target,
                        List.copyOf(schemas));
                position = gtidSet(result.position());
                bytes = result.bytes();
            }
            facts.put(StepParams.FACT_BYTES, bytes);
        } catch (DumpPipe.DumpFailedException e) {
            // A dump program prints its error codes; the parallel copy's SQL failure is the cause.
            boolean retryable = e.errorCodes().stream().anyMatch(SqlFailures::retryableCode)
                    || e.getCause() instanceof SQLException sql && SqlFailures.retryable(sql);
            throw new StepFailedException("SEED failed (" + (retryable ? "retryable" : "terminal") + "): " + e.getMessage(),
                    retryable, stateOf(args) + "; " + (e.targetUntouched() ? "nothing was changed" : partialLoad(how, method, target, source)),
                    facts, null);
        } catch (IllegalStateException e) {
            throw new StepFailedException("SEED failed (terminal): " + e.getMessage(), false, stateOf(args)
                    + "; " + partialLoad(how, method, target, source), facts, null);
        }
        facts.put(StepParams.FACT_POSITION, position);
        try (ClusterSession session = open(target); ClusterSession sourceSession = open(source)) {
            String loadGtids = format.completeTarget(sourceSession, session, position, how);
            if (how.binlogged()) {
                facts.put(StepParams.FACT_TARGET_LOAD_GTIDS, loadGtids);
            }
            facts.put(StepParams.FACT_ROWS, countRows(session, schemas));
        } catch (DumpFormat.Refused e) {
            throw new StepFailedException("SEED failed (terminal): " + e.getMessage(), false, stateOf(args) + "; " + e.next(),
                    facts, null);
        }
        facts.put(StepParams.FACT_ALREADY_APPLIED, false);
    }

    /** What a load that stopped half-way left, and what a new SEED needs. */
    private static String partialLoad(DumpFormat.Load how, String method, ClusterSpec target, ClusterSpec source) {
        if (!how.binlogged()) {
            return method.equals(PARALLEL)
                    ? "the target may hold part of the seed, its finished chunks recorded in " + ParallelSeed.LEDGER_SCHEMA
                            + ": a new SEED of the same schemas from " + source.name() + " goes on from them"
                    : "the target may hold part of the seed: a new SEED reloads it whole";
        }
        return "the target may hold part of the seed, binlogged with GTIDs of its own (" + how.targetUuid() + ") that "
                + source.name() + " does not have, so a new SEED is refused until they are accounted for: if nothing else"
                + " wrote to " + target.name() + ", add the GTIDs of " + how.targetUuid() + " beyond "
                + (how.targetExecutedBefore().isEmpty() ? "none" : how.targetExecutedBefore()) + " to " + source.name()
                + "'s gtid_purged, or seed a fresh target";
    }

    /**
     * Connects to the source (so that a wrong password or an unreachable source fails naming the
     * cluster), retrying a transient failure every second for up to the configured wait.
     */
    private void awaitAnswering(ClusterSpec source) throws SQLException, StepFailedException {
        long deadline = System.nanoTime() + support.config.seedSourceWait().toNanos();
        while (true) {
            try (ClusterSession sourceSession = open(source)) {
                ClusterState.currentGtid(sourceSession);
                return;
            } catch (SQLException e) {
                if (!SqlFailures.retryable(e) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StepFailedException.retryable("SEED interrupted while waiting for " + source.name() + " to answer",
                        "nothing was changed", e);
            }
        }
    }

    /** A GTID set as facts carry it: MySQL's line breaks between UUIDs removed. */
    private static String gtidSet(String set) {
        return new ReplicationPosition.Gtid(set).set();
    }

    private static long countRows(ClusterSession session, Set<String> schemas) throws SQLException {
        long rows = 0;
        for (ServerFacts.Table table : session.query(PortableSql.baseTables(schemas), row -> new ServerFacts.Table(
                row.getString("table_schema"), row.getString("table_name"), row.getString("engine"), true))) {
            Number count = session.queryNumber(PortableSql.countRows(table.schema(), table.name()));
            rows += count == null ? 0 : count.longValue();
        }
        return rows;
    }
}
