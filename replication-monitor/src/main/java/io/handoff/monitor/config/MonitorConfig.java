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
}
