package io.handoff.cutover.config;

import io.handoff.common.cluster.Secret;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the cutover service reaches the RDS API ({@code handoff.rds.*}), for the {@code security-group-swap}
 * read-only strategy and Aurora snapshots. Against AWS only the clusters need setting: credentials come
 * from the default AWS chain. The per-cluster settings live here rather than under
 * {@code handoff.clusters.<name>} because that prefix is the registry's (service-kit), shared by every service.
 */
@ConfigMapping(prefix = "handoff.rds")
public interface RdsConfig {

    /** API endpoint to use instead of AWS's (the local RDS emulator); absent against AWS. */
    Optional<URI> endpointOverride();

    /** Region of the clusters, unless a cluster names its own. */
    @WithDefault("us-east-1")
    String region();

    /** Static access key id; given together with {@link #secretAccessKey()} or not at all. */
    Optional<String> accessKeyId();

    /** Static secret access key; masked whenever printed, never logged. */
    Optional<Secret> secretAccessKey();

    /** First wait between two polls while a change settles; doubled after each poll up to {@link #pollMax()}. */
    @WithDefault("100ms")
    Duration pollInitial();

    /** Longest wait between two polls. A wait as a whole is bounded by the command's deadline. */
    @WithDefault("2s")
    Duration pollMax();

    /** The RDS side of registered clusters, by registry name: {@code handoff.rds.clusters.<name>.*}. */
    Map<String, Cluster> clusters();

    /** One cluster's RDS identity and its security groups. */
    interface Cluster {
        /** The DB cluster identifier, e.g. {@code aurora-main}. */
        String clusterId();

        /** The VPC security groups the cluster has while applications may connect (restored by WRITABLE). */
        List<String> securityGroups();

        /** The group that admits only administrators, swapped in by READ_ONLY with {@code security-group-swap}. */
        String restrictedSecurityGroup();

        /** The cluster's region when it is not {@link RdsConfig#region()}. */
        Optional<String> region();
    }
}
