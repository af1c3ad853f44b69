package io.handoff.rdsemu;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * An emulated Aurora cluster as it exists when the emulator starts.
 *
 * @param identifier     the DB cluster identifier, e.g. {@code handoff-target}
 * @param engine         e.g. {@code aurora-mysql}
 * @param engineVersion  e.g. {@code 8.0.mysql_aurora.3.08.0}
 * @param backend        the database server the cluster's application endpoint relays to
 * @param securityGroups the VPC security group ids the cluster starts with (active)
 */
public record ClusterDefinition(String identifier, String engine, String engineVersion, InetSocketAddress backend,
        List<String> securityGroups) {

    public ClusterDefinition {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(backend, "backend");
        securityGroups = List.copyOf(securityGroups);
        if (securityGroups.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one security group");
        }
    }

    /** An Aurora MySQL 3 cluster. */
    public static ClusterDefinition auroraMysql(String identifier, InetSocketAddress backend, List<String> securityGroups) {
        return new ClusterDefinition(identifier, "aurora-mysql", "8.0.mysql_aurora.3.08.0", backend, securityGroups);
    }
}
