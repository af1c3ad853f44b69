package io.handoff.verify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of VERIFY ({@code handoff.verify.*}); every one has a default, so the service needs no
 * property to run it.
 */
@ConfigMapping(prefix = "handoff.verify")
public interface VerifyConfig {

    /**
     * How long one chunk's checksum should take on the source; the chunk size follows it
     * (pt-table-checksum's {@code --chunk-time 0.5}).
     */
    @WithDefault("500ms")
    Duration chunkTime();

    /** Rows in the first chunk of every table, before any timing is known. */
    @WithDefault("1000")
    int initialChunkRows();

    /** Fewest rows a chunk may have. */
    @WithDefault("100")
    int minChunkRows();

    /**
     * Most rows a chunk may have. A differing chunk is narrowed to ranges of at most
     * {@code narrow-rows} source rows before rows are read; this bounds what is read into memory where
     * it cannot be: a table without a chunk key (one chunk, read whole when it has at most this many
     * rows), and a range the target has many more rows in than the source.
     */
    @WithDefault("50000")
    int maxChunkRows();

    /**
     * How many chunks are checked at once, each on its own pair of connections (one to each server),
     * each with the source's and the target's checksum computed at the same time.
     */
    @WithDefault("4")
    int parallelChunks();

    /**
     * Most rows of a differing range read row by row: a differing chunk is cut into eight ranges,
     * compared again by checksum, and only the differing ones cut further, down to this size.
     */
    @WithDefault("512")
    int narrowRows();

    /**
     * How many times a differing chunk is compared again, each time at a new source position, before
     * the rows that still differ are reported. A row that only differed because the source changed
     * it between the two reads agrees on a later comparison.
     */
    @WithDefault("4")
    int rechecks();

    /**
     * Whether the target's side of each chunk waits until the target has applied the source's position (VERIFY of a
     * replica). {@code false} compares the target as it is, for a copy nothing replicates into, of a source nothing
     * writes to meanwhile: a seed's copy checked before replication starts ({@code bench/seed.sh}).
     */
    @WithDefault("true")
    boolean awaitTarget();

    /** How long the target may take to reach the source's position for one chunk. */
    @WithDefault("30s")
    Duration waitTimeout();

    /**
     * How long one VERIFY may run; past it the step fails retryable. Stays below the command
     * channel's unprocessed-record age (10 minutes), which would mark the service unhealthy.
     */
    @WithDefault("9m")
    Duration maxDuration();

    /**
     * How many differences the step's facts list (fewer when their JSON would exceed 256 KiB); the
     * {@code drift} count is always complete.
     */
    @WithDefault("1000")
    int maxListedDifferences();

    /**
     * How many differences one VERIFY names (keeps in memory and publishes as DriftReports); past it,
     * differences are only counted, so that a target missing whole tables' rows cannot exhaust memory.
     */
    @WithDefault("10000")
    int maxNamedDifferences();

    /** How long opening a connection may take. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long one statement may leave the socket silent before the verification fails. */
    @WithDefault("120s")
    Duration networkTimeout();

    /** Whether every difference is also published as a DriftReport on {@code handoff.replication.drift}. */
    @WithDefault("true")
    boolean publishDrift();

    /** How long publishing the DriftReports of one VERIFY may take. */
    @WithDefault("30s")
    Duration publishTimeout();
}
