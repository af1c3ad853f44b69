package io.handoff.cutover.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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
         * How often idle connections are validated (and reopened when broken), so that a flip finds
         * them open. Read by the scheduler through {@code handoff.cutover.connections.keep-warm-every}.
         */
        @WithDefault("10s")
        Duration keepWarmEvery();
    }
}
