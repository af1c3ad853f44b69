package io.handoff.rdsemu;

import io.handoff.awsemu.EmulatorConfigBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start an {@link RdsEmulator}.
 *
 * @param host            address the API binds to, and the endpoints of clusters that name no address of their
 *                        own ({@link ClusterDefinition#endpoint()}); default {@code 127.0.0.1}
 * @param httpPort        API port; 0 (default) picks a free port
 * @param region          the region the ARNs name; default {@code us-east-1}
 * @param accountId       the account the ARNs name; default {@code 123456789012}
 * @param transitionDelay how long a change stays in its transitional state ({@code modifying} cluster,
 *                        {@code adding}/{@code removing} groups, {@code creating} snapshot) before it is in
 *                        effect; default 300 ms
 * @param securityGroups  the groups the emulated VPC has
 * @param clusters        the clusters that exist at start; no two name the same endpoint address and port
 */
public record RdsEmulatorConfig(String host, int httpPort, String region, String accountId, Duration transitionDelay,
        List<SecurityGroup> securityGroups, List<ClusterDefinition> clusters) {

    public RdsEmulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(transitionDelay, "transitionDelay");
        securityGroups = List.copyOf(securityGroups);
        clusters = List.copyOf(clusters);
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort must be in 0..65535");
        }
        if (transitionDelay.isNegative()) {
            throw new IllegalArgumentException("transitionDelay must not be negative");
        }
        List<String> known = securityGroups.stream().map(SecurityGroup::id).toList();
        for (ClusterDefinition cluster : clusters) {
            if (!known.containsAll(cluster.securityGroups())) {
                throw new IllegalArgumentException("cluster " + cluster.identifier() + " names a security group that is not"
                        + " among " + known + ": " + cluster.securityGroups());
            }
        }
        requireDistinctEndpoints(clusters);
    }

    /** Two endpoints cannot listen on one address and port; a port of 0 (a free one) never collides. */
    private static void requireDistinctEndpoints(List<ClusterDefinition> clusters) {
        Map<InetSocketAddress, String> taken = new HashMap<>();
        for (ClusterDefinition cluster : clusters) {
            InetSocketAddress endpoint = cluster.endpoint();
            if (endpoint == null || endpoint.getPort() == 0) {
                continue;
            }
            String other = taken.putIfAbsent(endpoint, cluster.identifier());
            if (other != null) {
                throw new IllegalArgumentException("clusters " + other + " and " + cluster.identifier()
                        + " name the same endpoint " + endpoint.getAddress().getHostAddress() + ":" + endpoint.getPort());
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; 127.0.0.1, a free port, us-east-1, 300 ms transitions, no groups and no clusters until added. */
    public static final class Builder extends EmulatorConfigBuilder<Builder> {
        private String region = "us-east-1";
        private String accountId = "123456789012";
        private Duration transitionDelay = Duration.ofMillis(300);
        private final List<SecurityGroup> securityGroups = new ArrayList<>();
        private final List<ClusterDefinition> clusters = new ArrayList<>();

        private Builder() {
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder transitionDelay(Duration transitionDelay) {
            this.transitionDelay = transitionDelay;
            return this;
        }

        public Builder securityGroup(String id, boolean admitsApplications) {
            securityGroups.add(new SecurityGroup(id, admitsApplications));
            return this;
        }

        public Builder cluster(ClusterDefinition cluster) {
            clusters.add(cluster);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public RdsEmulatorConfig build() {
            return new RdsEmulatorConfig(host(), httpPort(), region, accountId, transitionDelay, securityGroups, clusters);
        }
    }
}
