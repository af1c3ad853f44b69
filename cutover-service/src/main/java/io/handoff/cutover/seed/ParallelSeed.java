package io.handoff.cutover.seed;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.JdbcLogin;
import io.handoff.common.cluster.JdbcLogout;
import io.handoff.common.step.CutoverFacts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Seeds a target from a source with several sessions on each, as mydumper and myloader do, without a file in
 * between:
 * <ol>
 *   <li>{@code threads} sessions on the source open one {@link ConsistentSnapshot} (the source's commits blocked for
 *       the few milliseconds that takes), whose GTID position is where replication starts: first, so that a source
 *       that cannot give one fails the seed before the target is changed;</li>
 *   <li>the schemas' definitions (tables, views, routines; no triggers) are loaded by the dump programs
 *       ({@link DumpPipe#copyDefinitions}), each object dropped first, so a repeated seed starts over; the events are
 *       created over JDBC, those enabled on the source already {@code DISABLE ON SLAVE} on the target, so that its
 *       scheduler never runs one ({@link SeedEventDefinitions}); the definitions and
 *       triggers read just before the snapshot must still be the source's then, or the seed begins again (DDL between
 *       the snapshot and the copy would reach the target twice: {@link SourceObjects});</li>
 *   <li>each table is split into {@link ChunkPlan chunks} by the first column of its primary key, when an integer; {@code threads} workers, each
 *       with one snapshot session and one target session, take chunks (the costliest first, {@link ChunkOrder}) and {@link ChunkCopy
 *       copy} them in batches ({@code LOAD DATA LOCAL INFILE} from memory into MySQL, or multi-row {@code INSERT}s where its
 *       {@code local_infile} is OFF; MariaDB's bulk command into MariaDB: {@link WritePath}), committing at a chunk's end and every chunk's worth of rows within one, without binlogging where the target's account may switch it off
 *       ({@link DumpFormat.Load}), foreign-key and unique checks off, in a strict SQL mode that keeps zero dates and
 *       keys of 0;</li>
 *   <li>on a load that does not binlog, the tables' plain secondary indexes are dropped before the rows and built after
 *       them ({@link DeferredIndexes}), each table's in one {@code ALTER TABLE} as soon as its last chunk is copied, on a
 *       session of its own while the workers copy the other tables ({@link TableIndexBuilds});</li>
 *   <li>the triggers, read just before the snapshot was opened (and found unchanged after it), are created last, over JDBC ({@link SeedTriggers}), so
 *       that none fires on a copied row, and one created on the source during the seed comes by replication only.</li>
 * </ol>
 * Progress (rows, MiB, rows/s, time left) is logged every {@code progressEvery}. The copy's pace is bounded by a rate
 * limit and a pause while the source is busy ({@link SeedPace}). While the snapshot is open, a session on the source
 * that waits for a metadata lock (DDL on a table the snapshot has read, which waits until the seed ends and holds every
 * later statement on that table back) is named at once in a warning and in the progress ({@link MetadataLockWaits}).
 *
 * <p>Resumable, for a load that does not binlog: the chunks and which are done are kept on the target in a
 * {@link SeedLedger}, a chunk marked done in the transaction that commits its last rows. The next attempt of the same
 * seed (after cutover-service was killed, the target restarted or a session cut) does not load the definitions again;
 * it opens a new snapshot (a snapshot lives in its sessions and cannot outlive them), copies the chunks not done (their
 * ranges emptied first: a large one may have committed part-way), and checks each done chunk against the new snapshot
 * by its {@link ChunkChecksum checksum}, copying it again (its rows deleted first, in the same transaction) only when it
 * changed since. Every row is then as of the new snapshot, whose position the seed reports. DDL between the attempts
 * is before the new position, and replication would not bring it ({@link SeedDefinitions}): tables altered, created or
 * dropped on the source since the first attempt are copied anew, the other tables' chunks going on
 * ({@link ChangedTables}); when a view, routine or event changed, the seed starts over.
 * A binlogged load (a target account that may not switch binlogging off) keeps no ledger and starts over.
 */
public final class ParallelSeed {
    private static final Logger LOG = Logger.getLogger(ParallelSeed.class);
    /** The schema on the target that records a seed's chunks while it runs ({@link SeedLedger}). */
    public static final String LEDGER_SCHEMA = SeedLedger.SCHEMA;
    /** How many times a seed begins again when DDL ran between its snapshot and its copy of the definitions. */
    private static final int BEGINNINGS = 3;
    /** How many times a seed gives way to DDL waiting for its metadata locks ({@link Settings#yieldToDdlAfter}). */
    private static final int GIVE_WAY_AT_MOST = 3;
    /** ER_TABLE_DEF_CHANGED: a snapshot read of a table rebuilt after the snapshot began (MySQL and MariaDB alike). */
    private static final int TABLE_DEFINITION_CHANGED = 1412;

    /**
     * How a seed runs.
     *
     * @param threads        sessions on each server, and workers
     * @param chunkRows      rows per chunk of a table with an integer key (by the server's estimate), at most
     * @param chunkBytes     bytes per chunk (by the server's estimate of the table's size), about
     * @param insertRows     rows per {@code INSERT} (or {@code LOAD DATA}) at most
     * @param insertBytes    bytes of values per {@code INSERT} (or {@code LOAD DATA}), about
     * @param lockWait       how long the snapshot's {@code FLUSH TABLES WITH READ LOCK} may wait at each attempt
     *                       ({@link ConsistentSnapshot}), blocking the source's writes meanwhile
     * @param connectTimeout how long a login may take
     * @param timeout        how long the whole seed may take
     * @param progressEvery  how often progress is logged
     * @param maxRowsPerSecond  rows a second over all workers at most; 0: no limit
     * @param maxThreadsRunning no new chunk while the source's {@code Threads_running} is above this; 0: never checked
     * @param yieldToDdlAfter how long DDL may wait for the seed's metadata locks before the seed gives way to it
     *                        ({@link MetadataLockWaits}); zero: never
     */
    public record Settings(int threads, long chunkRows, long chunkBytes, int insertRows, long insertBytes, Duration lockWait,
            Duration connectTimeout, Duration timeout, Duration progressEvery, long maxRowsPerSecond, long maxThreadsRunning,
            Duration yieldToDdlAfter) {
        public Settings {
            if (threads < 1 || chunkRows < 1 || chunkBytes < 1 || insertRows < 1 || insertBytes < 1) {
                throw new IllegalArgumentException("threads, chunk rows and bytes, insert rows and bytes must be positive");
            }
        }

        /**
         * Defaults for {@code threads} workers: chunks of 100,000 rows or 32 MiB, INSERTs of up to 1,000 rows or 1 MiB,
         * the snapshot's lock waiting 2 s at most each time it is asked for, no rate limit, no load check, giving way to
         * DDL that waited 10 s for the seed's metadata locks.
         */
        public static Settings of(int threads, Duration timeout) {
            return new Settings(threads, 100_000, 32 << 20, 1_000, 1 << 20, Duration.ofSeconds(2), Duration.ofSeconds(10), timeout,
                    Duration.ofSeconds(10), 0, 0, Duration.ofSeconds(10));
        }

        /** These settings, giving way to DDL that waited {@code after} for the seed's metadata locks (zero: never). */
        public Settings yieldingToDdlAfter(Duration after) {
            return new Settings(threads, chunkRows, chunkBytes, insertRows, insertBytes, lockWait, connectTimeout, timeout,
                    progressEvery, maxRowsPerSecond, maxThreadsRunning, after);
        }

        /** These settings, with chunks of about {@code rows} rows (a chunk also commits every {@code rows} rows). */
        public Settings chunksOf(long rows) {
            return new Settings(threads, rows, chunkBytes, insertRows, insertBytes, lockWait, connectTimeout, timeout,
                    progressEvery, maxRowsPerSecond, maxThreadsRunning, yieldToDdlAfter);
        }

        /** These settings, reporting progress every {@code every}. */
        public Settings reportingEvery(Duration every) {
            return new Settings(threads, chunkRows, chunkBytes, insertRows, insertBytes, lockWait, connectTimeout, timeout,
                    every, maxRowsPerSecond, maxThreadsRunning, yieldToDdlAfter);
        }

                /** These settings, with a rate limit and a load threshold on the source (0: none). */
        public Settings bounded(long rowsPerSecond, long threadsRunning) {
            return new Settings(threads, chunkRows, chunkBytes, insertRows, insertBytes, lockWait, connectTimeout, timeout,
                    progressEvery, rowsPerSecond, threadsRunning, yieldToDdlAfter);
        }
    }

    /**
     * A finished seed.
     *
     * @param position   the GTID position of the snapshot, normalised
     * @param rows       rows copied
     * @param bytes      bytes of the copied values
     * @param tables     tables copied
     * @param chunks     chunks copied
     * @param chunksKept chunks an earlier attempt copied, found unchanged and kept
     * @param chunksRecopied chunks an earlier attempt copied, found changed since and copied again
     * @param lockMillis how long the source's commits were blocked to open the snapshot
     * @param millis     how long the whole seed took
     * @param indexesBuiltAfter secondary indexes built after the rows ({@link DeferredIndexes})
     */
    public record Result(String position, long rows, long bytes, int tables, long chunks, long chunksKept, long chunksRecopied,
            long lockMillis, long millis, int indexesBuiltAfter) {
    }

    private final DumpPipe definitions;
    private final Settings settings;
    private final Consumer<CutoverFacts.SeedProgress> listener;

    public ParallelSeed(ClientPrograms programs, Settings settings) {
        this(programs, settings, facts -> { });
    }

    /**
     * @param listener told the seed's progress every {@link Settings#progressEvery()} while rows are copied (rows, bytes,
     *                 rows/s, share done, time left, chunks, rows per table: {@code SeedProgress#facts}), from a
     *                 worker's thread
     */
    public ParallelSeed(ClientPrograms programs, Settings settings, Consumer<CutoverFacts.SeedProgress> listener) {
        this.definitions = new DumpPipe(programs, settings.timeout());
        this.settings = settings;
        this.listener = listener;
    }

    public Result run(DumpFormat format, DumpFormat.Load how, ClusterSpec source, ClusterSpec target, List<String> schemas)
            throws DumpPipe.DumpFailedException {
        int moved = 0;
        int gaveWay = 0;
        while (true) {
            try {
                return begin(format, how, source, target, schemas, gaveWay < GIVE_WAY_AT_MOST);
            } catch (DefinitionsMoved again) {
                if (++moved >= BEGINNINGS) {
                    throw new DumpPipe.DumpFailedException("seeding " + target.name() + " from " + source.name() + ": the"
                            + " definitions of " + schemas + " on " + source.name() + " changed while each of " + moved
                            + " beginnings of the seed copied them (last: " + again.named() + "); keep DDL off the seeded"
                            + " schemas while a seed begins, then run the step again (no row was copied by these beginnings;"
                            + " the next attempt loads the definitions again, or resumes an earlier attempt's chunks)", null);
                }
                LOG.warnf("SEED of %s from %s begins again: DDL ran on %s between the snapshot and the copy of the"
                        + " definitions (%s), which replication from the snapshot's position would apply a second time",
                        target.name(), source.name(), source.name(), again.named());
            } catch (GaveWay again) {
                gaveWay++;
                if (again.sessions().isEmpty()) {
                    LOG.warnf("SEED of %s from %s begins again (%d of at most %d times): DDL on %s changed a table after the"
                            + " seed's snapshot and before the seed read it (Table definition has changed); the seed goes on"
                            + " from its finished chunks with a new snapshot, and copies anew the tables changed",
                            target.name(), source.name(), gaveWay, GIVE_WAY_AT_MOST, source.name());
                    continue;
                }
                LOG.warnf("SEED of %s from %s gave way to DDL (%d of at most %d times): %s, waiting %s or longer for the"
                        + " metadata locks of the seed's snapshot, which is closed so that it can run (the chunks in flight are rolled"
                        + " back); once it has ended the seed goes on from its finished chunks with a new snapshot, and copies"
                        + " anew the tables it changed", target.name(), source.name(), gaveWay, GIVE_WAY_AT_MOST,
                        again.waiters(), settings.yieldToDdlAfter().toSeconds() + " s");
                MetadataLockWaits.awaitEnded(source, again.sessions(), settings.connectTimeout(), settings.timeout());
            }
        }
    }

    /**
     * One beginning of the seed; {@link DefinitionsMoved} when the source's definitions or triggers changed between its
     * snapshot and its copy of the definitions ({@link SourceObjects}); {@link GaveWay} when, {@code mayGiveWay} and the
     * load keeping a ledger, it ended its snapshot for DDL that waited too long for its metadata locks.
     */
    private Result begin(DumpFormat format, DumpFormat.Load how, ClusterSpec source, ClusterSpec target, List<String> schemas,
            boolean mayGiveWay) throws DumpPipe.DumpFailedException, DefinitionsMoved, GaveWay {
        long started = System.nanoTime();
        // The definitions and triggers just before the snapshot, found the same once the definitions are copied (below):
        // so they are the snapshot's. The triggers are created after the rows: one created on the source while the rows
        // are copied reaches the target by replication from the snapshot's position, and only so (read at the end, it
        // would be there twice, and replication would stop on it). For a seed that keeps a ledger, a later attempt
        // compares the definitions with the source's then (SeedDefinitions).
        SourceObjects before = sourceObjects(source, schemas);
        List<SeedTriggers.Trigger> triggers = before.triggers();
        List<SeedDefinitions.Definition> sourceDefinitions = before.definitions();
        // The snapshot before the target is changed: a source that cannot give one (no RELOAD, a long statement holding
        // the lock) fails the seed before anything is changed on the target.
        ConsistentSnapshot snapshot;
        try {
            snapshot = ConsistentSnapshot.open(source, format, settings.threads(), settings.connectTimeout(), settings.timeout(),
                    settings.lockWait());
        } catch (SQLException e) {
            throw new DumpPipe.DumpFailedException("opening a consistent snapshot of " + source.name() + " failed: " + e.getMessage()
                    + " (FLUSH TABLES WITH READ LOCK needs the RELOAD privilege, and is asked for once no statement has been"
                    + " running a second or longer, waiting " + settings.lockWait().toSeconds() + " s at most each time);"
                    + " nothing was changed on " + target.name(), List.of(e.getErrorCode()), true, e);
        }
        SeedProgress progress;
        List<SeedTable> tables;
        long defined;
        int indexesBuiltAfter = 0;
        String seed = SeedLedger.seedOf(source.name(), schemas);
        WritePath path;
        // Its sessions hold a metadata lock on each table they read until it closes: DDL on one waits that long.
        try (snapshot; MetadataLockWaits lockWaits = MetadataLockWaits.watch(source, schemas, settings.connectTimeout(),
                Duration.ofSeconds(1));
                Connection ledger = openWriter(target, how, false)) {
            Optional<List<Work>> resumed = how.binlogged() ? Optional.empty() : resumable(ledger, seed, snapshot, source, target, schemas,
                    sourceDefinitions);
            List<SeedEventDefinitions.Event> events = List.of();
            if (resumed.isEmpty()) {
                definitions.copyDefinitions(format, how, source, target, schemas);
                // Read before the check below, which so finds them the snapshot's too.
                events = events(source, schemas);
            }
            unmovedSince(before, source, target, schemas, resumed.isEmpty() ? ledger : null);
            if (resumed.isEmpty()) {
                // Before the rows: an enabled event must not run on the target while it is seeded, not even once.
                try (Connection eventsSession = openWriter(target, how, false)) {
                    SeedEventDefinitions.create(eventsSession, events);
                } catch (SQLException e) {
                    throw failure("creating the events of " + source.name() + " on " + target.name() + ", those enabled there"
                            + " DISABLE ON SLAVE", e);
                }
            }
            defined = System.nanoTime();
            tables = tablesOf(source, schemas);
            List<Work> work;
            if (resumed.isPresent()) {
                work = resumed.get();
                LOG.infof("SEED of %s from %s resumes: %d of %d chunks were copied by an earlier attempt; each is checked"
                        + " against a new snapshot at %s and copied again if it changed", target.name(), source.name(),
                        work.stream().filter(Work::done).count(), work.size(), snapshot.position());
            } else {
                work = plan(snapshot, source, tables);
                if (!how.binlogged()) {
                    SeedLedger.begin(ledger, seed, work.stream().map(Work::chunk).toList(), sourceDefinitions);
                }
            }
            List<DeferredIndexes.Index> deferred = deferIndexes(ledger, how, tables, resumed.isPresent());
            path = writePath(target, ledger);
            LOG.infof("SEED of %s from %s: %d tables, %d sessions on one snapshot at %s (the source's commits blocked %d ms),"
                    + " rows written by %s", target.name(), source.name(), tables.size(), settings.threads(), snapshot.position(),
                    snapshot.lockMillis(), path);
            // Each table's deferred indexes are built on a session of their own once its last chunk is copied.
            Connection indexer = deferred.isEmpty() ? null : openWriter(target, how, false);
            TableIndexBuilds builds = new TableIndexBuilds(indexer, deferred, work.stream().map(Work::chunk).toList());
            boolean built = false;
            try {
                progress = copyRows(snapshot, how, source, target, tables, work, resumed.isPresent(), path, builds, lockWaits,
                        mayGiveWay && !how.binlogged());
                if (!builds.await(started + settings.timeout().toNanos() - System.nanoTime())) {
                    throw new DumpPipe.DumpFailedException("seeding " + target.name() + " from " + source.name()
                            + " took longer than " + settings.timeout() + " (building secondary indexes) and was stopped", null);
                }
                built = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DumpPipe.DumpFailedException("seeding " + target.name() + " was interrupted", e);
            } finally {
                builds.close();
                if (!built && indexer != null) {
                    // A build under way is rolled back by the server (DDL is atomic); the next attempt adds its indexes.
                    abort(indexer);
                }
                JdbcLogout.quietly(indexer);
            }
            int builtEarly = builds.built();
            if (!deferred.isEmpty()) {
                long building = System.nanoTime();
                // Only the tables whose build did not complete while the rows were copied are looked up again.
                int added = DeferredIndexes.addMissing(ledger, builds.remaining(deferred));
                indexesBuiltAfter = deferred.size();
                LOG.infof("SEED of %s: %d secondary index(es) of %d table(s) built after their rows (%d while other tables"
                        + " copied, %d after the last row, in %d ms)", target.name(), builtEarly + added,
                        deferred.stream().map(DeferredIndexes.Index::qualifiedTable).distinct().count(), builtEarly, added,
                        (System.nanoTime() - building) / 1_000_000);
            }
            if (!how.binlogged()) {
                SeedLedger.drop(ledger);
            }
        } catch (SQLException e) {
            throw failure("keeping the seed's ledger (" + SeedLedger.SCHEMA + ") on " + target.name(), e);
        }
        String position = snapshot.position();
        long lockMillis = snapshot.lockMillis();
        long copied = System.nanoTime();
        createTriggers(how, target, schemas, triggers);
        LOG.infof("SEED of %s from %s done: %s, written by %s (definitions %d ms, rows %d ms, %d trigger(s) %d ms)", target.name(),
                source.name(), progress.summary(), path, (defined - started) / 1_000_000, (copied - defined) / 1_000_000,
                triggers.size(), (System.nanoTime() - copied) / 1_000_000);
        return new Result(position, progress.rows(), progress.bytes(), tables.size(), progress.chunks(), progress.chunksKept(),
                progress.chunksRecopied(), lockMillis, (System.nanoTime() - started) / 1_000_000, indexesBuiltAfter);
    }

    /** Creates {@code triggers} (of {@code schemas}, read at the snapshot) on {@code target}, on a session of the seed's. */
    private void createTriggers(DumpFormat.Load how, ClusterSpec target, List<String> schemas,
            List<SeedTriggers.Trigger> triggers) throws DumpPipe.DumpFailedException {
        if (triggers.isEmpty()) {
            return;
        }
        Connection session = openWriter(target, how, false);
        try {
            SeedTriggers.create(session, triggers);
        } catch (SQLException e) {
            throw failure("creating the triggers of " + schemas + " on " + target.name() + " (the rows are copied; a new"
                    + " attempt of the seed starts over)", e);
        } finally {
            JdbcLogout.quietly(session);
        }
    }

    /**
     * The secondary indexes built after the rows ({@link DeferredIndexes}): on a fresh load that does not binlog, the
     * tables' plain secondary indexes, recorded in the ledger and then dropped; on a resumed one, those an earlier
     * attempt recorded. A binlogged load keeps its indexes (its DDL would be binlogged, and it keeps no ledger).
     */
    private List<DeferredIndexes.Index> deferIndexes(Connection ledger, DumpFormat.Load how, List<SeedTable> tables,
            boolean resumed) throws SQLException {
        if (how.binlogged()) {
            return List.of();
        }
        if (resumed) {
            return SeedLedger.deferred(ledger);
        }
        List<DeferredIndexes.Index> indexes = DeferredIndexes.of(ledger, tables);
        SeedLedger.recordDeferred(ledger, indexes);
        List<DeferredIndexes.Index> dropped = DeferredIndexes.drop(ledger, indexes);
        ledger.commit();
        return dropped;
    }

    /** The source's definitions or triggers changed while a beginning of the seed copied them ({@link SourceObjects}). */
    private static final class DefinitionsMoved extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> differences;

        DefinitionsMoved(List<String> differences) {
            super(null, null, false, false);
            this.differences = List.copyOf(differences);
        }

        /** The objects that changed, at most ten of them named. */
        String named() {
            return SeedDefinitions.named(differences);
        }
    }

    /** The seed ended its snapshot for DDL that waited too long for its metadata locks ({@link MetadataLockWaits}). */
    private static final class GaveWay extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<MetadataLockWaits.Waiter> waiters;

        GaveWay(List<MetadataLockWaits.Waiter> waiters) {
            super(null, null, false, false);
            this.waiters = List.copyOf(waiters);
        }

        List<Long> sessions() {
            return waiters.stream().map(MetadataLockWaits.Waiter::session).toList();
        }

        String waiters() {
            return String.join(", ", waiters.stream().map(MetadataLockWaits.Waiter::text).toList());
        }
    }

    /** A chunk to copy, and whether an earlier attempt of the seed copied it. */
    private record Work(Chunk chunk, boolean done) {
    }

    /**
     * The chunks of an earlier attempt of this seed that the target's {@link SeedLedger} recorded, when it did not finish,
     * the source's definitions are still those it recorded ({@code now}: {@link SeedDefinitions}) but for tables, which are
     * copied anew ({@link ChangedTables}), and its other tables are still those of the source, column for column, on both
     * servers; empty otherwise (the seed starts over).
     */
    private Optional<List<Work>> resumable(Connection ledger, String seed, ConsistentSnapshot snapshot, ClusterSpec source,
            ClusterSpec target, List<String> schemas, List<SeedDefinitions.Definition> now)
            throws DumpPipe.DumpFailedException, SQLException {
        Optional<List<SeedLedger.Entry>> entries = SeedLedger.unfinished(ledger, seed);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<SeedDefinitions.Definition>> earlier = SeedLedger.definitions(ledger);
        Optional<List<SeedDefinitions.Definition>> changedTables = earlier.flatMap(recorded -> ChangedTables.only(recorded, now));
        if (changedTables.isEmpty()) {
            startOver(ledger, source, target, earlier, now);
            return Optional.empty();
        }
        Map<String, SeedTable> onSource = byName(tablesOf(source, schemas));
        List<Work> work = new ArrayList<>();
        List<String> anew = changedTables.get().stream().map(table -> table.schema() + "." + table.name()).toList();
        if (!anew.isEmpty()) {
            LOG.warnf("SEED of %s from %s: tables changed on %s since the earlier attempt of this seed began (%s): replication"
                    + " from a new snapshot would not bring those changes, so those tables are copied anew, and the other"
                    + " tables' chunks go on", target.name(), source.name(), source.name(),
                    SeedDefinitions.named(SeedDefinitions.differences(earlier.get(), now)));
            ChangedTables.copyAnew(ledger, snapshot.readers().get(0), seed, changedTables.get(), onSource, now,
                    settings.chunkRows(), settings.chunkBytes()).forEach(chunk -> work.add(new Work(chunk, false)));
        }
        Map<String, SeedTable> onTarget = byName(SeedTables.of(ledger, schemas));
        ledger.commit();
        for (SeedLedger.Entry entry : entries.get()) {
            String name = entry.schema() + "." + entry.table();
            if (anew.contains(name)) {
                continue;
            }
            SeedTable table = onSource.get(name);
            SeedTable copy = onTarget.get(name);
            if (table == null || copy == null || !table.columns().equals(copy.columns())
                    || !table.integerKey().equals(copy.integerKey())) {
                LOG.warnf("SEED from %s: the ledger of an earlier attempt names %s.%s, which is not the same table on both"
                        + " servers any more: the seed starts over", source.name(), entry.schema(), entry.table());
                return Optional.empty();
            }
            work.add(new Work(new Chunk(table, entry.from(), entry.to()), entry.done()));
        }
        return Optional.of(work);
    }

    /**
     * The seed starts over: the source's views, routines or events changed since the earlier attempt recorded them (or
     * it recorded none). DDL run on the source since lies before the new snapshot's position, so replication would not
     * bring it; what the earlier attempt created on the target and the source no longer has is dropped there first.
     */
    private static void startOver(Connection ledger, ClusterSpec source, ClusterSpec target,
            Optional<List<SeedDefinitions.Definition>> earlier, List<SeedDefinitions.Definition> now) throws SQLException {
        List<String> differences = earlier.map(recorded -> SeedDefinitions.differences(recorded, now))
                .orElse(List.of("none recorded by the earlier attempt"));
        LOG.warnf("SEED of %s from %s: the source's definitions changed since the earlier attempt of this seed began (%s):"
                + " replication from a new snapshot would not bring those changes, so the seed starts over", target.name(),
                source.name(), SeedDefinitions.named(differences));
        if (earlier.isPresent()) {
            List<SeedDefinitions.Definition> gone = SeedDefinitions.gone(earlier.get(), now);
            try (Statement sql = ledger.createStatement()) {
                for (SeedDefinitions.Definition definition : gone) {
                    sql.execute(definition.drop());
                    LOG.infof("SEED of %s: dropped %s there, which the earlier attempt created and %s no longer has",
                            target.name(), definition.key(), source.name());
                }
            }
        }
    }

    private static Map<String, SeedTable> byName(List<SeedTable> tables) {
        Map<String, SeedTable> byName = new HashMap<>();
        tables.forEach(table -> byName.put(table.schema() + "." + table.name(), table));
        return byName;
    }

    /** The events of {@code schemas} on {@code source}, as {@code SHOW CREATE EVENT} prints them. */
    private List<SeedEventDefinitions.Event> events(ClusterSpec source, List<String> schemas) throws DumpPipe.DumpFailedException {
        try (Connection session = JdbcLogin.admin(source, settings.connectTimeout(), settings.timeout())) {
            return SeedEventDefinitions.of(session, schemas);
        } catch (SQLException e) {
            throw failure("reading the events of " + schemas + " on " + source.name(), e);
        }
    }

    private SourceObjects sourceObjects(ClusterSpec source, List<String> schemas) throws DumpPipe.DumpFailedException {
        try (Connection control = JdbcLogin.admin(source, settings.connectTimeout(), settings.timeout())) {
            return SourceObjects.read(control, schemas);
        } catch (SQLException e) {
            throw failure("reading the definitions and triggers of " + schemas + " on " + source.name(), e);
        }
    }

    /**
     * Throws {@link DefinitionsMoved} when the source's definitions or triggers are no longer those read {@code before}
     * the snapshot: DDL ran between the snapshot and the copy of the definitions. What this beginning copied and the
     * source dropped since is dropped on the target through {@code copied} (a session of the seed's there; {@code null}
     * when it copied no definition), so that the next beginning does not leave it there.
     */
    private void unmovedSince(SourceObjects before, ClusterSpec source, ClusterSpec target, List<String> schemas,
            Connection copied) throws DumpPipe.DumpFailedException, DefinitionsMoved, SQLException {
        SourceObjects now = sourceObjects(source, schemas);
        List<String> differences = before.differences(now);
        if (differences.isEmpty()) {
            return;
        }
        if (copied != null) {
            try (Statement sql = copied.createStatement()) {
                for (SeedDefinitions.Definition definition : before.goneIn(now)) {
                    sql.execute(definition.drop());
                    LOG.infof("SEED of %s: dropped %s there, which %s dropped while the seed began", target.name(),
                            definition.key(), source.name());
                }
            }
        }
        throw new DefinitionsMoved(differences);
    }

    private List<SeedTable> tablesOf(ClusterSpec source, List<String> schemas) throws DumpPipe.DumpFailedException {
        try (Connection control = JdbcLogin.admin(source, settings.connectTimeout(), settings.timeout())) {
            return SeedTables.of(control, schemas);
        } catch (SQLException e) {
            throw failure("reading the tables of " + schemas + " on " + source.name(), e);
        }
    }

    /** Every table's chunks, in the tables' order (largest first). */
    private List<Work> plan(ConsistentSnapshot snapshot, ClusterSpec source, List<SeedTable> tables)
            throws DumpPipe.DumpFailedException {
        List<Work> work = new ArrayList<>();
        for (SeedTable table : tables) {
            try {
                ChunkPlan.of(table, snapshot.readers().get(0), settings.chunkRows(), settings.chunkBytes())
                        .forEach(chunk -> work.add(new Work(chunk, false)));
            } catch (SQLException e) {
                throw failure("reading the key range of " + table + " on " + source.name(), e);
            }
        }
        return work;
    }

    private SeedProgress copyRows(ConsistentSnapshot snapshot, DumpFormat.Load how, ClusterSpec source, ClusterSpec target,
            List<SeedTable> tables, List<Work> work, boolean resumed, WritePath path, TableIndexBuilds builds,
            MetadataLockWaits lockWaits, boolean mayGiveWay) throws DumpPipe.DumpFailedException, GaveWay {
        Queue<Work> chunks = new ConcurrentLinkedQueue<>(ChunkOrder.costliestFirst(work, Work::chunk));
        SeedProgress progress = new SeedProgress("SEED of " + target.name() + " from " + source.name(), tables, work.size(),
                settings.progressEvery().toMillis(), listener, lockWaits::current);
        lockWaits.onChange(progress::reportNow);
        List<Connection> writers = new ArrayList<>();
        Connection loadProbe = null;
        ExecutorService workers = Executors.newFixedThreadPool(settings.threads(), new SeedThreads("seed-worker"));
        ExecutorService readers = Executors.newFixedThreadPool(settings.threads(), new SeedThreads("seed-reader"));
        try {
            for (int i = 0; i < settings.threads(); i++) {
                writers.add(openWriter(target, how, true));
            }
            SeedPace pace = SeedPace.unbounded();
            if (settings.maxRowsPerSecond() > 0 || settings.maxThreadsRunning() > 0) {
                loadProbe = JdbcLogin.admin(source, settings.connectTimeout(), settings.connectTimeout());
                Connection probe = loadProbe;
                pace = new SeedPace(settings.maxRowsPerSecond(), settings.maxThreadsRunning(), () -> threadsRunning(probe),
                        System::nanoTime, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
            }
            SeedPace paced = pace;
            AtomicBoolean stop = new AtomicBoolean();
            ChunkCopy copy = new ChunkCopy(settings.insertRows(), settings.insertBytes(),
                    isMariaDb(source) ? 4096 : Integer.MIN_VALUE, !how.binlogged(), settings.chunkRows(), settings.chunkBytes(), readers,
                    path);
            AtomicReference<List<MetadataLockWaits.Waiter>> gaveWay = new AtomicReference<>();
            if (mayGiveWay && !settings.yieldToDdlAfter().isZero()) {
                // Its sessions on both servers end: the source's release the metadata locks, the chunks in flight roll back.
                lockWaits.onceWaitingLonger(settings.yieldToDdlAfter(), waiters -> {
                    gaveWay.set(waiters);
                    stop.set(true);
                    snapshot.readers().forEach(ParallelSeed::abort);
                    writers.forEach(ParallelSeed::abort);
                });
            }
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < settings.threads(); i++) {
                Connection reader = snapshot.readers().get(i);
                Connection writer = writers.get(i);
                running.add(workers.submit(() -> {
                    Work next;
                    while (!stop.get() && (next = chunks.poll()) != null) {
                        Chunk chunk = next.chunk();
                        try {
                            paced.beforeChunk();
                            if (!next.done()) {
                                // Resumed: a chunk not marked done may hold the rows of its commits before the cut.
                                long copying = System.nanoTime();
                                ChunkCopy.Copied copied = copy.copy(chunk, reader, writer, paced, resumed);
                                LOG.debugf("SEED: %s copied, %d rows in %d ms", chunk, copied.rows(),
                                        (System.nanoTime() - copying) / 1_000_000);
                                progress.chunkDone(chunk, copied);
                            } else if (ChunkChecksum.same(chunk, reader, writer)) {
                                progress.chunkKept();
                            } else {
                                progress.chunkRecopied(chunk, copy.copy(chunk, reader, writer, paced, true));
                            }
                            builds.finished(chunk);
                        } catch (SQLException e) {
                            stop.set(true);
                            throw failure("copying " + chunk + " from " + source.name() + " to " + target.name(), e);
                        }
                    }
                    return null;
                }));
            }
            try {
                awaitAll(running, writers, snapshot, stop, source, target);
            } catch (DumpPipe.DumpFailedException e) {
                if (gaveWay.get() != null) {
                    throw new GaveWay(gaveWay.get());
                }
                if (mayGiveWay && e.errorCodes().contains(TABLE_DEFINITION_CHANGED)) {
                    // DDL that rebuilt a table the snapshot had not read yet (so it did not wait): the table is read anew.
                    throw new GaveWay(List.of());
                }
                throw e;
            }
            return progress;
        } catch (SQLException e) {
            throw failure("opening a session on " + source.name() + " to watch its load (Threads_running)", e);
        } finally {
            workers.shutdownNow();
            readers.shutdownNow();
            // A chunk not committed is rolled back with its session: the next attempt loads it again.
            writers.forEach(JdbcLogout::quietly);
            JdbcLogout.quietly(loadProbe);
        }
    }

    private void awaitAll(List<Future<Void>> running, List<Connection> writers, ConsistentSnapshot snapshot, AtomicBoolean stop,
            ClusterSpec source, ClusterSpec target) throws DumpPipe.DumpFailedException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        DumpPipe.DumpFailedException first = null;
        for (Future<Void> worker : running) {
            try {
                worker.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof DumpPipe.DumpFailedException failed ? failed
                            : new DumpPipe.DumpFailedException("seeding " + target.name() + " failed: " + e.getCause(), e.getCause());
                }
            } catch (TimeoutException e) {
                stop.set(true);
                writers.forEach(ParallelSeed::abort);
                snapshot.readers().forEach(ParallelSeed::abort);
                throw new DumpPipe.DumpFailedException("seeding " + target.name() + " from " + source.name() + " took longer than "
                        + settings.timeout() + " and was stopped", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
                throw new DumpPipe.DumpFailedException("seeding " + target.name() + " was interrupted", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static long threadsRunning(Connection probe) throws SQLException {
        try (Statement sql = probe.createStatement();
                java.sql.ResultSet row = sql.executeQuery("SHOW GLOBAL STATUS LIKE 'Threads_running'")) {
            return row.next() ? row.getLong(2) : 0;
        }
    }

    /**
     * How the rows are written on {@code target}: into MySQL by {@code LOAD DATA LOCAL INFILE} from memory when the
     * server allows it, else by prepared {@code INSERT}s, which is logged once with why and the setting that would allow
     * the faster way.
     */
    private static WritePath writePath(ClusterSpec target, Connection session) throws DumpPipe.DumpFailedException {
        if (isMariaDb(target)) {
            return WritePath.BULK_INSERTS;
        }
        Optional<String> refusal;
        try {
            refusal = LocalInfile.refusal(session);
        } catch (SQLException e) {
            throw failure("reading local_infile on " + target.name(), e);
        }
        if (refusal.isPresent()) {
            LOG.warnf("SEED of %s: %s, so the rows are written as %s, whose binding costs this client more CPU than"
                    + " LOAD DATA LOCAL INFILE; for a faster seed set local_infile = ON on %s (SET PERSIST local_infile = ON;"
                    + " Aurora MySQL and RDS: local_infile = 1 in its parameter group)", target.name(), refusal.get(),
                    WritePath.PREPARED_INSERTS, target.name());
            return WritePath.PREPARED_INSERTS;
        }
        return WritePath.LOAD_DATA;
    }

    /**
     * A session on {@code target} that loads the seed; {@code rows}: one of the workers' sessions that write the rows,
     * which alone may use {@code LOAD DATA LOCAL INFILE} ({@link LocalInfile}).
     */
    private Connection openWriter(ClusterSpec target, DumpFormat.Load how, boolean rows) throws DumpPipe.DumpFailedException {
        try {
            return writer(target, how, rows);
        } catch (SQLException e) {
            throw failure("opening a session on " + target.name() + " to load the seed (SET sql_log_bin = 0 needs SUPER,"
                    + " BINLOG ADMIN, SYSTEM_VARIABLES_ADMIN or SESSION_VARIABLES_ADMIN)", e);
        }
    }

    private Connection writer(ClusterSpec target, DumpFormat.Load how, boolean rows) throws SQLException {
        boolean localInfile = rows && !isMariaDb(target);
        Connection writer = JdbcLogin.admin(target, settings.connectTimeout(), settings.timeout(),
                localInfile ? LocalInfile.DRIVER_PROPERTIES : Map.of());
        try (Statement sql = writer.createStatement()) {
            if (localInfile) {
                LocalInfile.lockDown(writer);
            }
            // Strict: a value the target would change (clamp, truncate) fails the seed instead (LOAD DATA LOCAL makes such
            // an error a warning, on which LocalInfile.load fails the batch). Zero dates, zero parts and invalid days load,
            // as they were stored; a key of 0 stays 0. No NO_BACKSLASH_ESCAPES: LOAD DATA's statement escapes its separators.
            // unique_checks = 0 only on MySQL: on MariaDB (10.6+) it turns an INSERT into an empty InnoDB table into a bulk
            // load that locks the whole table, so workers loading chunks of one table wait on each other and can deadlock.
            sql.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES',"
                    + " foreign_key_checks = 0, time_zone = '+00:00'" + (isMariaDb(target) ? "" : ", unique_checks = 0"));
            if (!how.binlogged()) {
                sql.execute("SET SESSION sql_log_bin = 0");
            }
            writer.setAutoCommit(false);
            return writer;
        } catch (SQLException e) {
            writer.close();
            throw e;
        }
    }

    private static boolean isMariaDb(ClusterSpec cluster) {
        return "mariadb".equals(cluster.flavor().jdbcScheme());
    }

    /** The seed failed on {@code what}: the SQL failure is the cause, from which the caller decides whether to retry. */
    static DumpPipe.DumpFailedException failure(String what, SQLException e) {
        return new DumpPipe.DumpFailedException(what + " failed: " + e.getMessage(), List.of(e.getErrorCode()), e);
    }

    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException e) {
            // closing is all that is left
        }
    }
}
