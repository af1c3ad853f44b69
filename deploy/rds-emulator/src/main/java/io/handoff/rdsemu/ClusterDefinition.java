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
 * @param endpoint       where the cluster's application endpoint listens (port 0: a free port on that address);
 *                       null: a free port on the emulator's {@link RdsEmulatorConfig#host()}. Naming it lets
 *                       several clusters listen on one port, each on its own address, as RDS endpoints all
 *                       listen on 3306, so that DNS, which switches only an address, moves applications
 *                       from one cluster's endpoint to the other's
 */
public record ClusterDefinition(String identifier, String engine, String engineVersion, InetSocketAddress backend,
        List<String> securityGroups, InetSocketAddress endpoint) {

    public ClusterDefinition {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(backend, "backend");
        securityGroups = List.copyOf(securityGroups);
        if (securityGroups.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one security group");
        }
        if (endpoint != null && endpoint.isUnresolved()) {
            throw new IllegalArgumentException("the endpoint of cluster " + identifier + " must be an IP address, not the"
                    + " unresolved " + endpoint.getHostString());
        }
    }

    /** A cluster whose application endpoint listens on a free port of the emulator's host. */
    public ClusterDefinition(String identifier, String engine, String engineVersion, InetSocketAddress backend,
            List<String> securityGroups) {
        this(identifier, engine, engineVersion, backend, securityGroups, null);
    }

    /** An Aurora MySQL 3 cluster. */
    public static ClusterDefinition auroraMysql(String identifier, InetSocketAddress backend, List<String> securityGroups) {
        return new ClusterDefinition(identifier, "aurora-mysql", "8.0.mysql_aurora.3.08.0", backend, securityGroups);
    }

    /** This cluster with its application endpoint at {@code address} (port 0: a free port on that address). */
    public ClusterDefinition withEndpoint(InetSocketAddress address) {
        return new ClusterDefinition(identifier, engine, engineVersion, backend, securityGroups,
                Objects.requireNonNull(address, "address"));
    }
}
