package io.handoff.rdsemu;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The emulated account's clusters and cluster snapshots. A change is accepted at once and settles after
 * the transition delay: until then the cluster reports {@code modifying} with its new groups {@code adding}
 * and its old ones {@code removing}, and keeps the old groups' network rules; a new snapshot reports
 * {@code creating}. Settling is computed from the clock on every read, so no timer runs.
 *
 * <p>Identifiers are case-insensitive and kept in lower case, as RDS keeps them. Thread-safe: every
 * method holds the store's lock.
 */
final class ClusterStore {

    private static final class Cluster {
        final ClusterDefinition definition;
        final InetSocketAddress endpoint;
        final String identifier;
        final String resourceId = "cluster-" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase(Locale.ROOT);
        final Instant createdAt;
        List<String> groups;
        List<String> pendingGroups;
        Instant settlesAt;

        Cluster(ClusterDefinition definition, InetSocketAddress endpoint, Instant createdAt) {
            this.definition = definition;
            this.endpoint = endpoint;
            this.identifier = definition.identifier().toLowerCase(Locale.ROOT);
            this.createdAt = createdAt;
            this.groups = List.copyOf(new LinkedHashSet<>(definition.securityGroups()));
        }
    }

    private record Snapshot(String identifier, Cluster cluster, Instant createdAt, Instant settlesAt) {
    }

    private final Clock clock;
    private final String region;
    private final String accountId;
    private final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    private Duration transitionDelay;

    /**
     * @param endpoints the application endpoint of each cluster, by the identifier in its definition
     */
    ClusterStore(Clock clock, RdsEmulatorConfig config, Map<String, InetSocketAddress> endpoints) {
        this.clock = clock;
        this.region = config.region();
        this.accountId = config.accountId();
        this.transitionDelay = config.transitionDelay();
        config.securityGroups().forEach(group -> securityGroups.put(group.id(), group));
        Instant now = clock.instant();
        for (ClusterDefinition definition : config.clusters()) {
            Cluster cluster = new Cluster(definition, endpoints.get(definition.identifier()), now);
            clusters.put(cluster.identifier, cluster);
        }
    }

    synchronized void setTransitionDelay(Duration delay) {
        this.transitionDelay = delay;
    }

    synchronized Duration transitionDelay() {
        return transitionDelay;
    }

    /** Every cluster, or the one named (by identifier or ARN). */
    synchronized List<ClusterView> describeClusters(String identifierOrArn) {
        if (identifierOrArn == null) {
            return clusters.values().stream().map(this::view).toList();
        }
        return List.of(view(cluster(identifierOrArn)));
    }

    /**
     * Replaces the cluster's security groups. The same set as in effect (in any order) changes nothing and
     * leaves the cluster {@code available}, as RDS does.
     *
     * @throws RdsError {@code InvalidDBClusterStateFault} while a previous change settles,
     *                  {@code InvalidParameterValue} for an unknown or empty group list
     */
    synchronized ClusterView modifySecurityGroups(String identifier, List<String> groupIds) {
        Cluster cluster = cluster(identifier);
        settle(cluster);
        if (groupIds.isEmpty()) {
            throw RdsError.invalidParameter("VpcSecurityGroupIds must name at least one group");
        }
        for (String id : groupIds) {
            if (!securityGroups.containsKey(id)) {
                throw RdsError.invalidParameter("Invalid security group , groupId= " + id + ", groupName=.");
            }
        }
        if (cluster.pendingGroups != null) {
            throw RdsError.invalidClusterState(cluster.identifier, "modifying");
        }
        List<String> wanted = List.copyOf(new LinkedHashSet<>(groupIds));
        if (!Set.copyOf(wanted).equals(Set.copyOf(cluster.groups))) {
            cluster.pendingGroups = wanted;
            cluster.settlesAt = clock.instant().plus(transitionDelay);
        }
        return view(cluster);
    }

    /**
     * Starts a manual snapshot of an {@code available} cluster.
     *
     * @throws RdsError {@code DBClusterSnapshotAlreadyExistsFault}, {@code DBClusterNotFoundFault},
     *                  {@code InvalidDBClusterStateFault} while the cluster is {@code modifying}
     */
    synchronized SnapshotView createSnapshot(String snapshotIdentifier, String clusterIdentifier) {
        String id = validSnapshotIdentifier(snapshotIdentifier);
        Cluster cluster = cluster(clusterIdentifier);
        settle(cluster);
        if (snapshots.containsKey(id)) {
            throw RdsError.snapshotAlreadyExists(id);
        }
        if (cluster.pendingGroups != null) {
            throw RdsError.invalidClusterState(cluster.identifier, "modifying");
        }
        Instant now = clock.instant();
        Snapshot snapshot = new Snapshot(id, cluster, now, now.plus(transitionDelay));
        snapshots.put(id, snapshot);
        return view(snapshot);
    }

    /**
     * The snapshots named, or of the cluster named, or all (in creation order).
     *
     * @throws RdsError {@code DBClusterSnapshotNotFoundFault} when a snapshot identifier names none
     */
    synchronized List<SnapshotView> describeSnapshots(String snapshotIdentifier, String clusterIdentifier) {
        if (snapshotIdentifier != null) {
            Snapshot snapshot = snapshots.get(snapshotIdentifier.toLowerCase(Locale.ROOT));
            if (snapshot == null) {
                throw RdsError.snapshotNotFound(snapshotIdentifier);
            }
            return List.of(view(snapshot));
        }
        List<SnapshotView> out = new ArrayList<>();
        for (Snapshot snapshot : snapshots.values()) {
            if (clusterIdentifier == null || snapshot.cluster().identifier.equals(clusterIdentifier.toLowerCase(Locale.ROOT))
                    || arn(snapshot.cluster()).equals(clusterIdentifier)) {
                out.add(view(snapshot));
            }
        }
        return out;
    }

    /**
     * Whether the cluster's endpoint admits a new application connection now: when one of the groups in
     * effect admits applications. A change still settling has not changed the network yet.
     */
    synchronized boolean admitsApplications(String identifier) {
        Cluster cluster = cluster(identifier);
        settle(cluster);
        return cluster.groups.stream().map(securityGroups::get).anyMatch(SecurityGroup::admitsApplications);
    }

    /** Puts the cluster's groups back to those it started with, at once, without a transition. */
    synchronized void restoreInitialGroups(String identifier) {
        Cluster cluster = cluster(identifier);
        cluster.groups = List.copyOf(new LinkedHashSet<>(cluster.definition.securityGroups()));
        cluster.pendingGroups = null;
        cluster.settlesAt = null;
    }

    /** Drops every snapshot (for tests that reuse an emulator). */
    synchronized void deleteSnapshots() {
        snapshots.clear();
    }

    /** The ids of the groups in effect, settling first. */
    synchronized Optional<List<String>> groupsInEffect(String identifier) {
        Cluster cluster = clusters.get(identifier.toLowerCase(Locale.ROOT));
        if (cluster == null) {
            return Optional.empty();
        }
        settle(cluster);
        return Optional.of(cluster.groups);
    }

    private Cluster cluster(String identifierOrArn) {
        Cluster cluster = clusters.get(identifierOrArn.toLowerCase(Locale.ROOT));
        if (cluster == null) {
            cluster = clusters.values().stream().filter(c -> arn(c).equals(identifierOrArn)).findFirst().orElse(null);
        }
        if (cluster == null) {
            throw RdsError.clusterNotFound(identifierOrArn);
        }
        return cluster;
    }

    private void settle(Cluster cluster) {
        if (cluster.pendingGroups != null && !clock.instant().isBefore(cluster.settlesAt)) {
            cluster.groups = cluster.pendingGroups;
            cluster.pendingGroups = null;
            cluster.settlesAt = null;
        }
    }

    private ClusterView view(Cluster cluster) {
        settle(cluster);
        List<GroupMembership> groups = new ArrayList<>();
        if (cluster.pendingGroups == null) {
            cluster.groups.forEach(id -> groups.add(new GroupMembership(id, "active")));
        } else {
            cluster.pendingGroups.forEach(id -> groups.add(new GroupMembership(id, cluster.groups.contains(id) ? "active" : "adding")));
            cluster.groups.stream().filter(id -> !cluster.pendingGroups.contains(id))
                    .forEach(id -> groups.add(new GroupMembership(id, "removing")));
        }
        return new ClusterView(cluster.identifier, arn(cluster), cluster.resourceId, cluster.definition.engine(),
                cluster.definition.engineVersion(), cluster.pendingGroups == null ? "available" : "modifying", groups,
                cluster.endpoint.getAddress().getHostAddress(), cluster.endpoint.getPort(), cluster.createdAt);
    }

    private SnapshotView view(Snapshot snapshot) {
        boolean done = !clock.instant().isBefore(snapshot.settlesAt());
        Cluster cluster = snapshot.cluster();
        return new SnapshotView(snapshot.identifier(), cluster.identifier, "arn:aws:rds:" + region + ":" + accountId
                + ":cluster-snapshot:" + snapshot.identifier(), cluster.definition.engine(), cluster.definition.engineVersion(),
                done ? "available" : "creating", done ? 100 : 0, snapshot.createdAt(), cluster.createdAt, cluster.endpoint.getPort());
    }

    private String arn(Cluster cluster) {
        return "arn:aws:rds:" + region + ":" + accountId + ":cluster:" + cluster.identifier;
    }

    /**
     * RDS's rules for a snapshot identifier: 1 to 255 letters, digits or hyphens, starting with a letter,
     * no two consecutive hyphens, not ending with one. Kept in lower case.
     */
    static String validSnapshotIdentifier(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.length() > 255 || !identifier.matches("[A-Za-z][A-Za-z0-9-]*")
                || identifier.contains("--") || identifier.endsWith("-")) {
            throw RdsError.invalidParameter("The parameter DBClusterSnapshotIdentifier is not a valid identifier: " + identifier
                    + " (1 to 255 letters, digits or hyphens; first a letter; no two consecutive hyphens; not ending with a"
                    + " hyphen)");
        }
        return identifier.toLowerCase(Locale.ROOT);
    }
}
