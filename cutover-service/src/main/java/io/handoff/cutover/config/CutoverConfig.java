package io.handoff.cutover.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the cutover service ({@code handoff.cutover.*}). The cluster registry itself is
 * service-kit's {@code handoff.clusters.*}.
 */
@ConfigMapping(prefix = "handoff.cutover")
public interface CutoverConfig {

    /** The warm connections, one per cluster. */
    Connections connections();

    /**
     * How long a waiting step waits when its command gives no {@code timeoutMs} (ROLLBACK waiting for
     * the old master to catch up, WAIT_SYNC without a plan setting).
     */
    @WithDefault("30s")
    Duration defaultWaitTimeout();

    /**
     * The folder of the database client programs SEED runs ({@code mariadb-dump} and {@code mariadb},
     * or {@code mysqldump} and {@code mysql}): {@code handoff.cutover.client-bin-dir}. When absent they
     * are looked up on the {@code PATH}.
     */
    Optional<Path> clientBinDir();

    /**
     * Sessions on each server, and workers, of a SEED by the parallel method: {@code handoff.cutover.seed-threads}. More
     * than the source's and the target's cores rarely helps.
     */
    @WithDefault("4")
    int seedThreads();

    /** Rows a second a SEED by the parallel method copies at most, over all its workers: 0 (the default) for no limit. */
    @WithDefault("0")
    long seedMaxRowsPerSecond();

    /**
     * A SEED by the parallel method starts no new chunk while its source's {@code Threads_running} is above this (read at
     * most once a second; its own sessions count): the source's applications come first. 0 turns the check off.
     */
    @WithDefault("25")
    long seedMaxSourceThreadsRunning();

    /**
     * Rows per chunk of a SEED by the parallel method (a table with an integer first key column is split into ranges
     * of about this many rows, or 32 MiB), and rows after which a chunk's copy commits on the target: the unit of work
     * a resumed seed keeps or copies again.
     */
    @WithDefault("100000")
    long seedChunkRows();

    /**
     * How often a SEED by the parallel method logs its progress and reports it as a PROGRESS step event (rows, bytes,
     * rows/s, share done, time left, chunks, rows per table), which the planner shows as the running step's facts.
     */
    @WithDefault("10s")
    Duration seedProgressEvery();

    /**
     * How long DDL on the source may wait for the metadata lock a SEED by the parallel method holds on each table it has
     * read (every later statement on that table waits behind the DDL) before the seed gives way: it ends its snapshot,
     * lets the DDL run, waits for it to end and goes on from its finished chunks with a new snapshot, copying the tables
     * changed meanwhile anew; at most 3 times a seed, and only for a load that keeps a ledger (one that does not binlog).
     * 0 never gives way: the waiting DDL is only named.
     */
    @WithDefault("10s")
    Duration seedYieldToDdlAfter();

    /**
     * The notice applications that follow the planner's events get before the old master is fenced: a FENCE command that
     * tells applications FENCE_STARTED runs the old master's READ_ONLY no sooner than this after the command arrived (the
     * planner tells them when the command's transaction commits, the moment cutover-service can first read it). A
     * transaction an application had open when it was told has this long to end before the fence refuses its commit or
     * its kill cuts it short; longer ones are cut. The write-blocked window of applications that follow DNS only starts
     * at READ_ONLY and does not grow. {@code 0} turns it off.
     */
    @WithDefault("100ms")
    Duration fenceNotice();

    /** How long a SEED by dump may run before its programs are stopped and the step fails. */
    @WithDefault("6h")
    Duration seedTimeout();

    /**
     * How long a SEED by dump waits for its source to accept connections before the attempt fails
     * (retryable): a source restarted during a seed is back within it, and the dump starts again.
     */
    @WithDefault("2m")
    Duration seedSourceWait();

    /**
     * PRECHECK warns when a server keeps its binlogs for less than this (RETAIN_BINLOG raises the
     * source's); a retention of 0 (never purged by age) is fine.
     */
    @WithDefault("24h")
    Duration minBinlogRetention();

    /**
     * The per-user kill strategy's accounts: {@code handoff.cutover.kill-accounts.<cluster>.<user>=<password>}
     * (in production from the environment or a secret store, never in a file under version control).
     * For each, the service keeps a session open as that user on that cluster, opened at start-up and
     * kept warm, because with the account-lock strategy the user can no longer log in when its
     * sessions must be killed; a session already open survives the lock and may kill its siblings.
     */
    Map<String, Map<String, String>> killAccounts();

    /**
     * Where SNAPSHOT writes the logical dumps of self-managed servers, one file per plan and cluster
     * ({@code handoff.cutover.snapshot-dir}).
     */
    @WithDefault("${java.io.tmpdir}/handoff-snapshots")
    Path snapshotDir();

    /** How long a SNAPSHOT dump may run before its program is stopped and the step fails. */
    @WithDefault("6h")
    Duration snapshotTimeout();

    /** Connection settings. */
    interface Connections {
        /** How long opening a connection may take. */
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * How long one statement may leave the socket silent before the connection is considered
         * lost; a server-side wait raises it for its own duration.
         */
        @WithDefault("30s")
        Duration networkTimeout();

        /** How long {@code Connection.isValid} may take before a connection is reopened. */
        @WithDefault("2s")
        Duration validationTimeout();

        /**
         * A lease this soon after a lease whose statements all succeeded does not validate the connection (HikariCP's
         * {@code aliveBypassWindowMs}, 500 ms there too); 0 validates at every lease.
         */
        @WithDefault("500ms")
        Duration validationBypass();

        /**
         * How often idle connections are validated (and reopened when broken), so that a flip finds
         * them open. Read by the scheduler through {@code handoff.cutover.connections.keep-warm-every}.
         */
        @WithDefault("10s")
        Duration keepWarmEvery();

        /**
         * How many times, at start-up, each connection runs the reads a fence's steps make (the session list, the
         * replica status, read-only, the GTID position) and a session-variable SET, so that the JDBC driver's and this
         * service's code for them is compiled before the first flip instead of running interpreted inside its window;
         * 0: not at all.
         */
        @WithDefault("100")
        int warmUpRounds();
    }
}
