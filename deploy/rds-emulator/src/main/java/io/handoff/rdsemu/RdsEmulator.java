package io.handoff.rdsemu;

import io.handoff.awsemu.ApiEmulator;
import io.handoff.awsemu.ApiHttpFront;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local RDS: the subset of the RDS Query API (version 2014-10-31) that AWS SDK v2's {@code RdsClient} uses
 * to fence an Aurora cluster by its security groups and to snapshot it, plus an application endpoint per
 * emulated cluster.
 *
 * <p>Point an unchanged SDK client at {@link #endpoint()} with {@code endpointOverride}, the emulator's
 * {@link #region()} and any credentials, or none (signatures are not checked). Emulated actions:
 * DescribeDBClusters, ModifyDBCluster (only {@code VpcSecurityGroupIds}, with or without
 * {@code ApplyImmediately}), CreateDBClusterSnapshot, DescribeDBClusterSnapshots. Other actions answer
 * {@code InvalidAction}, parameters an action does not emulate {@code InvalidParameterValue} (HTTP 400).
 *
 * <p>Consistency model: a change is accepted at once and is in effect after the transition delay. Until
 * then the cluster reports {@code modifying}, its new groups {@code adding} and its old ones
 * {@code removing}, and a new snapshot reports {@code creating}; afterwards the cluster is
 * {@code available} with every group {@code active} and the snapshot {@code available}. A second
 * ModifyDBCluster while one settles answers {@code InvalidDBClusterStateFault}; so does a snapshot of a
 * {@code modifying} cluster.
 *
 * <p>The network model. The emulator cannot change a network, so it stands one in: each security group is
 * declared as admitting the applications' network or not ({@link SecurityGroup#admitsApplications()}; the
 * restricted group of a fence does not), and each cluster has an application endpoint
 * ({@link #applicationEndpoint}), a TCP relay to the cluster's database server that applications connect
 * through instead of connecting to the server directly. It listens where its {@link ClusterDefinition#endpoint()}
 * says, else on a free port of the emulator's host. The endpoint admits a new connection only while
 * one of the cluster's groups in effect admits applications, and resets it otherwise; a change that is
 * still settling has not changed what the endpoint admits. Connections already admitted are not cut by a
 * later change of groups, as established connections survive a security group change on AWS: the flip's
 * kill ends them. Administrative clients (handoff's services, the DBA) connect to the server directly, as
 * if from a network an admin group always admits, and are never affected.
 *
 * <p>Fault injection and call counters are {@link ApiEmulator}'s: {@link #failNextCalls} and
 * {@link #throttleNextCalls} queue errors that the next API calls receive instead of being served, and
 * {@link #callsByOperation()} counts calls per {@code Action}.
 *
 * <p>Thread-safe. {@link #close()} stops the API and every endpoint and frees their ports.
 */
public final class RdsEmulator extends ApiEmulator {

    private static final Logger LOG = LoggerFactory.getLogger(RdsEmulator.class);
    private static final String NAME = "rds-emulator";

    private final RdsEmulatorConfig config;
    private final ClusterStore store;
    private final Map<String, EndpointProxy> endpoints;

    private RdsEmulator(RdsEmulatorConfig config, ApiHttpFront front, Map<String, EndpointProxy> endpoints) {
        super(NAME, front);
        this.config = config;
        this.endpoints = endpoints;
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        endpoints.forEach((id, proxy) -> addresses.put(id, proxy.address()));
        this.store = new ClusterStore(Clock.systemUTC(), config, addresses);
        front.serve(ResponseXml.NAMESPACE, new RdsApi(store));
        endpoints.forEach((id, proxy) -> proxy.start(() -> store.admitsApplications(id)));
        LOG.info("rds-emulator: API on {}, application endpoints {}", front.endpoint(), addresses);
    }

    /**
     * Starts an emulator: binds the API and the clusters' endpoints and begins serving.
     *
     * @throws UncheckedIOException if a port cannot be bound
     */
    public static RdsEmulator start(RdsEmulatorConfig config) {
        Map<String, EndpointProxy> endpoints = new LinkedHashMap<>();
        try {
            InetAddress host = InetAddress.getByName(config.host());
            for (ClusterDefinition cluster : config.clusters()) {
                InetSocketAddress at = cluster.endpoint() != null ? cluster.endpoint() : new InetSocketAddress(host, 0);
                endpoints.put(cluster.identifier(), EndpointProxy.bind(cluster.identifier(), at, cluster.backend()));
            }
            return new RdsEmulator(config, ApiHttpFront.bind(NAME, host, config.httpPort(), 2), endpoints);
        } catch (IOException e) {
            endpoints.values().forEach(EndpointProxy::close);
            throw new UncheckedIOException("cannot start the RDS emulator", e);
        }
    }

    /** The region the emulator's ARNs name; give it to the SDK client. */
    public String region() {
        return config.region();
    }

    /**
     * Where applications connect to the cluster (what DescribeDBClusters reports as {@code Endpoint} and
     * {@code Port}).
     *
     * @throws IllegalArgumentException if there is no such cluster
     */
    public InetSocketAddress applicationEndpoint(String clusterIdentifier) {
        EndpointProxy proxy = endpoints.get(clusterIdentifier);
        if (proxy == null) {
            throw new IllegalArgumentException("no emulated cluster " + clusterIdentifier + " (clusters: " + endpoints.keySet() + ")");
        }
        return proxy.address();
    }

    // ---- direct state access (no HTTP, not counted, no faults) ----

    /** The cluster as DescribeDBClusters would show it now. */
    public ClusterView cluster(String clusterIdentifier) {
        try {
            return store.describeClusters(clusterIdentifier).get(0);
        } catch (RdsError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Whether the cluster's application endpoint admits a new connection now. */
    public boolean admitsApplications(String clusterIdentifier) {
        try {
            return store.admitsApplications(clusterIdentifier);
        } catch (RdsError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Every cluster snapshot, in creation order. */
    public List<SnapshotView> snapshots() {
        return new ArrayList<>(store.describeSnapshots(null, null));
    }

    /** Puts a cluster's security groups back to those it started with, at once (for tests that reuse the emulator). */
    public void restoreInitialGroups(String clusterIdentifier) {
        store.restoreInitialGroups(clusterIdentifier);
    }

    /** Drops every cluster snapshot (for tests that reuse the emulator). */
    public void deleteSnapshots() {
        store.deleteSnapshots();
    }

    /** Changes accepted from now on take this long to be in effect. */
    public void setTransitionDelay(Duration delay) {
        store.setTransitionDelay(delay);
    }

    public Duration transitionDelay() {
        return store.transitionDelay();
    }

    /** Closes the application endpoints and the connections they relay. */
    @Override
    protected void stopOtherServers() {
        endpoints.values().forEach(EndpointProxy::close);
    }
}
