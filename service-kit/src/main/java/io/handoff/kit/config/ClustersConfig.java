package io.handoff.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster registry as each service reads it: {@code handoff.clusters.<name>.host|port|flavor|user|password}
 * (environment variables such as {@code HANDOFF_CLUSTERS_SOURCE_HOST} in production). Plans name
 * clusters; hosts and passwords stay here.
 */
@ConfigMapping(prefix = "handoff.clusters")
public interface ClustersConfig {

    /**
     * Clusters by name; empty for a service that talks to no database. The mapping covers only
     * {@code handoff.clusters}, so other {@code handoff.*} settings belong to the services that own them.
     */
    @WithParentName
    Map<String, Cluster> clusters();

    /** One cluster's connection settings. */
    interface Cluster {
        String host();

        @WithDefault("3306")
        int port();

        /** {@code mysql8}, {@code mariadb} or {@code aurora}. */
        @WithDefault("mysql8")
        String flavor();

        String user();

        String password();

        /** Account other servers replicate from this one with; the administrative account when absent. */
        Optional<String> replicationUser();

        Optional<String> replicationPassword();
    }
}
