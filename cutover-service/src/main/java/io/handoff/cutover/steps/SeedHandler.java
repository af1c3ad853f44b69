package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.json.JsonValues;
import io.handoff.common.event.StepParams;
import io.handoff.common.step.CutoverFacts;
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
import io.handoff.cutover.seed.SeedEvents;
import io.handoff.kit.steps.StepEventPublisher;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
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
 * <p>Facts: {@link CutoverFacts.Seed}; the parallel method adds its {@code chunks}, {@code threads},
 * {@code snapshotLockMs}, {@code indexesBuiltAfter} and, when an earlier attempt left chunks, {@code chunksKept} and
 * {@code chunksRecopied}. A failure reports the {@code method} and, once the load is done, what it loaded.
 *
 * <p>A source that went away (restarted, a network cut) is waited for: an attempt first waits up to
 * {@code handoff.cutover.seed-source-wait} for the source to accept connections, and a dump cut by a
 * lost or refused connection (client or server error codes that {@link SqlFailures} calls transient)
 * fails retryable, so that the planner's next attempt reloads the seed whole once the source is back.
 */
@Singleton
class SeedHandler extends SqlStepHandler<CutoverFacts.Seed> {
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
    protected CutoverFacts.Seed converge(StepArguments args) throws SQLException, StepFailedException {
        StepParameters.Seed seed = args.params(StepParameters.Seed.class);
        String method = seed.method();
        try {
            return switch (method) {
                case EXTERNAL -> seeded(method, ReplicationPosition.parse(args.position()).toString());
                case XTRABACKUP -> {
                    try {
                        yield seeded(method, BackupCoordinates.parse(args.required(StepParams.LOG_LINE, seed.logLine()))
                                .position().toString());
                    } catch (IllegalArgumentException e) {
                        throw args.invalid(StepParams.LOG_LINE, "not a backup's coordinates: " + e.getMessage());
                    }
                }
                case MYSQLDUMP, PARALLEL -> copy(args, method);
                default -> throw args.invalid(StepParams.SEED_METHOD, "'" + method + "', not one of parallel, mysqldump,"
                        + " xtrabackup, external");
            };
        } catch (SQLException | StepFailedException e) {
            // A failure says at least which method failed; a load's failure says what it loaded too (copy).
            throw failure(args, e, seeded(method, null));
        }
    }

    /** Seeded out of band ({@code external}, {@code xtrabackup}): the method and the position, nothing else known. */
    private static CutoverFacts.Seed seeded(String method, String position) {
        return new CutoverFacts.Seed(method, position, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * What a copy loaded: the dump's (or the parallel snapshot's) position and the bytes copied; of the parallel method
     * its chunks and threads, the chunks an earlier attempt copied and kept or copied again (null when none), how long
     * the source's commits were blocked and the secondary indexes built after the rows. The rest null (mysqldump).
     */
    private record Loaded(String position, long bytes, Long chunks, Integer threads, Long chunksKept, Long chunksRecopied,
            Long snapshotLockMs, Long indexesBuiltAfter) {

        static Loaded of(ParallelSeed.Result result, int threads) {
            boolean resumed = result.chunksKept() + result.chunksRecopied() > 0;
            return new Loaded(gtidSet(result.position()), result.bytes(), result.chunks(), threads,
                    resumed ? result.chunksKept() : null, resumed ? result.chunksRecopied() : null, result.lockMillis(),
                    (long) result.indexesBuiltAfter());
        }

        static Loaded of(DumpPipe.Result result) {
            return new Loaded(gtidSet(result.position()), result.bytes(), null, null, null, null, null, null);
        }

        /** SEED's facts: this load, then {@code rows} counted on the target and the load's own GTIDs there. */
        CutoverFacts.Seed facts(String method, Long rows, String targetLoadGtids, Boolean alreadyApplied) {
            return new CutoverFacts.Seed(method, position, rows, bytes, chunks, threads, chunksKept, chunksRecopied,
                    snapshotLockMs, indexesBuiltAfter, targetLoadGtids, alreadyApplied);
        }
    }

    private CutoverFacts.Seed copy(StepArguments args, String method) throws SQLException, StepFailedException {
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
                return new CutoverFacts.Seed(method, gtidSet(ClusterState.executedGtid(session)), countRows(session, schemas),
                        null, null, null, null, null, null, null, null, true);
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
        Loaded loaded;
        try {
            ClientPrograms programs = new ClientPrograms(support.config.clientBinDir());
            if (method.equals(PARALLEL)) {
                ParallelSeed.Settings settings = ParallelSeed.Settings.of(support.config.seedThreads(), support.config.seedTimeout())
                        .bounded(support.config.seedMaxRowsPerSecond(), support.config.seedMaxSourceThreadsRunning())
                        .reportingEvery(support.config.seedProgressEvery())
                        .chunksOf(support.config.seedChunkRows())
                        .yieldingToDdlAfter(support.config.seedYieldToDdlAfter());
                StepCommand command = args.command();
                // Progress goes out without waiting: a report lost in a crash is followed by the next one.
                ParallelSeed.Result result = new ParallelSeed(programs, settings,
                        progress -> events.sendWithoutWaiting(StepEvent.progress(command,
                                JsonValues.canonicalObject(progress, "SEED progress"), clock))).run(format, how, source, target,
                        List.copyOf(schemas));
                loaded = Loaded.of(result, settings.threads());
            } else {
                loaded = Loaded.of(new DumpPipe(programs, support.config.seedTimeout()).run(format, how, source, target,
                        List.copyOf(schemas)));
                SeedEvents.keepOffOnReplica(source, target, how, schemas, support.config.connections().connectTimeout(),
                        support.config.seedTimeout());
            }
        } catch (DumpPipe.DumpFailedException e) {
            // A dump program prints its error codes; the parallel copy's SQL failure is the cause.
            boolean retryable = e.errorCodes().stream().anyMatch(SqlFailures::retryableCode)
                    || e.getCause() instanceof SQLException sql && SqlFailures.retryable(sql);
            throw new StepFailedException("SEED failed (" + (retryable ? "retryable" : "terminal") + "): " + e.getMessage(),
                    retryable, stateOf(args) + "; " + (e.targetUntouched() ? "nothing was changed" : partialLoad(how, method, target, source)),
                    seeded(method, null), null);
        } catch (IllegalStateException e) {
            throw new StepFailedException("SEED failed (terminal): " + e.getMessage(), false, stateOf(args)
                    + "; " + partialLoad(how, method, target, source), seeded(method, null), null);
        }
        String targetLoadGtids = null;
        try (ClusterSession session = open(target); ClusterSession sourceSession = open(source)) {
            String created = format.completeTarget(sourceSession, session, loaded.position(), how);
            targetLoadGtids = how.binlogged() ? created : null;
            return loaded.facts(method, countRows(session, schemas), targetLoadGtids, false);
        } catch (DumpFormat.Refused e) {
            throw new StepFailedException("SEED failed (terminal): " + e.getMessage(), false, stateOf(args) + "; " + e.next(),
                    loaded.facts(method, null, null, null), null);
        } catch (SQLException e) {
            throw failure(args, e, loaded.facts(method, null, targetLoadGtids, null));
        }
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
