package io.handoff.cutover.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Builds a table's {@link DeferredIndexes deferred} secondary indexes as soon as the last of its chunks is copied, on
 * a session of its own ({@code session}, a seed's writer without the right to send files), while the workers copy the
 * other tables: the server sorts one table's keys while it loads the next table's rows, instead of building every
 * table's indexes after the last row. One table at a time, in the order the tables finish.
 *
 * <p>A build that fails is logged and left: the seed adds every deferred index still missing after the rows
 * ({@link DeferredIndexes#addMissing}), where the failure stops it if it happens again.
 */
final class TableIndexBuilds {
    private static final Logger LOG = Logger.getLogger(TableIndexBuilds.class);
    private final Connection session;
    private final Map<String, List<DeferredIndexes.Index>> byTable = new HashMap<>();
    private final Map<String, AtomicInteger> chunksLeft = new HashMap<>();
    private final ExecutorService builder;
    private final AtomicInteger built = new AtomicInteger();
    /** Tables whose deferred indexes are all present, built here or found present. */
    private final Set<String> complete = ConcurrentHashMap.newKeySet();

    /**
     * @param session  a session on the target set up as the seed's writers are, used by the builds only
     * @param deferred the indexes dropped before the rows
     * @param chunks   every chunk of the seed, copied or not: a table's indexes are built once all of its are finished
     */
    TableIndexBuilds(Connection session, List<DeferredIndexes.Index> deferred, List<Chunk> chunks) {
        this.session = session;
        for (DeferredIndexes.Index index : deferred) {
            byTable.computeIfAbsent(index.qualifiedTable(), table -> new ArrayList<>()).add(index);
        }
        for (Chunk chunk : chunks) {
            chunksLeft.computeIfAbsent(chunk.table().qualified(), table -> new AtomicInteger()).incrementAndGet();
        }
        this.builder = Executors.newSingleThreadExecutor(new SeedThreads("seed-index-builder"));
    }

    /** {@code chunk} is copied (or kept): when it was its table's last, the table's deferred indexes are built now. */
    void finished(Chunk chunk) {
        String table = chunk.table().qualified();
        AtomicInteger left = chunksLeft.get(table);
        if (left == null || left.decrementAndGet() != 0) {
            return;
        }
        List<DeferredIndexes.Index> indexes = byTable.get(table);
        if (indexes != null) {
            try {
                builder.execute(() -> build(table, indexes));
            } catch (RejectedExecutionException e) {
                // The seed is ending (it failed): the next attempt adds the indexes still missing.
            }
        }
    }

    private void build(String table, List<DeferredIndexes.Index> indexes) {
        long started = System.nanoTime();
        try {
            int added = DeferredIndexes.addMissing(session, indexes);
            built.addAndGet(added);
            complete.add(table);
            if (added > 0) {
                LOG.infof("SEED: %d secondary index(es) of %s built once its rows were copied, in %d ms, while other tables"
                        + " copy", added, table, (System.nanoTime() - started) / 1_000_000);
            }
        } catch (SQLException e) {
            LOG.warnf("SEED: building the secondary indexes of %s after its rows failed (%s); those missing are added after"
                    + " the last table's rows, or by the seed's next attempt", table, e.getMessage());
        } finally {
            try {
                // Ends the transaction the look-up of the table's indexes opened (an ALTER TABLE commits it already).
                session.commit();
            } catch (SQLException e) {
                LOG.debugf("SEED: ending the index builder's transaction: %s", e.getMessage());
            }
        }
    }

    /**
     * Waits, at most {@code timeoutNanos}, for the builds asked for; false when one still runs then.
     */
    boolean await(long timeoutNanos) throws InterruptedException {
        builder.shutdown();
        return builder.awaitTermination(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
    }

    /** Those of {@code deferred} whose table's build did not complete here (failed, or never started). */
    List<DeferredIndexes.Index> remaining(List<DeferredIndexes.Index> deferred) {
        return deferred.stream().filter(index -> !complete.contains(index.qualifiedTable())).toList();
    }

    /** The indexes built so far. */
    int built() {
        return built.get();
    }

    /** Stops the builds not started; one under way ends with its statement (its session is the caller's to end). */
    void close() {
        builder.shutdownNow();
    }
}
