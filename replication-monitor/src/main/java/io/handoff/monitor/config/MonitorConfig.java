package io.handoff.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the replication monitor ({@code handoff.monitor.*}). The cluster registry itself is
 * service-kit's {@code handoff.clusters.*}.
 */
@ConfigMapping(prefix = "handoff.monitor")
public interface MonitorConfig {

    /** Heartbeat-based lag. */
    Lag lag();

    /** Connection settings of the monitor's own connections (one per loop and cluster). */
    Connections connections();

    /** The Debezium engine tailing the source binlog. */
    Binlog binlog();

    /** Continuous drift detection of the rows the binlog tail sees change. */
    Drift drift();

    /** Heartbeat and sampling settings. */
    interface Lag {
        /**
         * How often the heartbeat writer stamps the source, when START_MONITOR gives no
         * {@code intervalMs} (pt-heartbeat's {@code --interval 0.1}).
         */
        @WithDefault("100ms")
        Duration heartbeatInterval();

        /** How often the target is sampled and a LagSample published; at most 250 ms (4 per second). */
        @WithDefault("200ms")
        Duration sampleInterval();

        /**
         * A sample is stale when the source's heartbeat is older than this many heartbeat intervals:
         * the writer is not advancing (stopped, or the source is read-only), so the lag is "at least".
         */
        @WithDefault("3")
        int staleAfterIntervals();

        /** How long START_MONITOR waits for its first published sample when the command gives no {@code timeoutMs}. */
        @WithDefault("30s")
        Duration firstSampleTimeout();
    }

    /** Connection settings. */
    interface Connections {
        /** How long opening a connection may take. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long one statement may leave the socket silent before the connection is dropped and reopened. */
        @WithDefault("10s")
        Duration networkTimeout();
    }

    /**
     * The Debezium embedded engine of a plan. Its offsets and schema history live in Kafka, in topics
     * named after the plan ({@code <offset-topic-prefix><planId>}, {@code <schema-history-topic-prefix><planId>}),
     * so that a restarted monitor of the same plan resumes where the previous one stopped.
     */
    interface Binlog {
        /** Prefix of each plan's offset topic (one partition, replication factor {@link #replicationFactor()}). */
        @WithDefault("handoff.monitor.offsets.")
        String offsetTopicPrefix();

        /** Prefix of each plan's schema history topic. */
        @WithDefault("handoff.monitor.schema-history.")
        String schemaHistoryTopicPrefix();

        /** Replication factor of the offset topic; 1 on the local stack, 3 in production. */
        @WithDefault("1")
        short replicationFactor();

        /** How often the engine commits the offsets of the rows checked so far. */
        @WithDefault("1s")
        Duration offsetFlushInterval();

        /**
         * Lowest replica server id an engine uses on the source; each plan gets this plus a number
         * derived from its id, so that two plans reading one source do not evict each other.
         */
        @WithDefault("1000000")
        long serverIdBase();

        /**
         * Debezium's {@code snapshot.locking.mode} for the schema-only snapshot: {@code none} takes no
         * lock on the source's tables (the applications keep writing; DDL must not run while the
         * monitor starts), {@code minimal} holds a global read lock while it reads the schema.
         */
        @WithDefault("none")
        String snapshotLockingMode();

        /** Most records handed to the monitor at once ({@code max.batch.size}). */
        @WithDefault("2048")
        int maxBatchSize();

        /** Records the engine reads ahead of the monitor ({@code max.queue.size}); more than {@link #maxBatchSize()}. */
        @WithDefault("8192")
        int maxQueueSize();

        /** How long stopping waits for the engine to commit the offsets of the rows already checked, then to stop. */
        @WithDefault("10s")
        Duration stopTimeout();

        /** Wait before an engine that failed while streaming is started again (from its stored offset). */
        @WithDefault("5s")
        Duration restartDelay();
    }

    /** Continuous drift detection. */
    interface Drift {
        /**
         * Row changes waiting for the target to apply them and be checked. When it is full, the
         * engine's consumer blocks (and with it the binlog reader): memory stays bounded while the
         * target lags.
         */
        @WithDefault("10000")
        int backlogCapacity();

        /** Most rows of one table looked up on the target in one query. */
        @WithDefault("500")
        int lookupBatchSize();

        /** How often the checker reads the target's executed position while the head of the backlog waits for it. */
        @WithDefault("50ms")
        Duration pollInterval();
    }
}
