package io.handoff.rdsemu;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Fault injection: {@link #failNextCalls} and {@link #throttleNextCalls} queue errors that the next API
 * calls receive instead of being served.
 *
 * <p>Thread-safe. {@link #close()} stops the API and every endpoint and frees their ports.
 */
public final class RdsEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RdsEmulator.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final RdsEmulatorConfig config;
    private final ClusterStore store;
    private final CallLog calls = new CallLog();
    private final Map<String, EndpointProxy> endpoints = new LinkedHashMap<>();
    private final HttpServer http;
    private final ExecutorService httpExecutor;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RdsEmulator(RdsEmulatorConfig config) throws IOException {
        this.config = config;
        int instance = INSTANCES.incrementAndGet();
        InetAddress host = InetAddress.getByName(config.host());
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        try {
            for (ClusterDefinition cluster : config.clusters()) {
                InetSocketAddress at = cluster.endpoint() != null ? cluster.endpoint() : new InetSocketAddress(host, 0);
                EndpointProxy proxy = EndpointProxy.bind(cluster.identifier(), at, cluster.backend());
                endpoints.put(cluster.identifier(), proxy);
                addresses.put(cluster.identifier(), proxy.address());
            }
            this.http = HttpServer.create(new InetSocketAddress(host, config.httpPort()), 0);
        } catch (IOException e) {
            endpoints.values().forEach(EndpointProxy::close);
            throw e;
        }
        this.store = new ClusterStore(Clock.systemUTC(), config, addresses);
        String hostPart = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        this.endpoint = URI.create("http://" + hostPart + ":" + http.getAddress().getPort());
        AtomicInteger threads = new AtomicInteger();
        this.httpExecutor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "rds-emulator-" + instance + "-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.createContext("/", new ApiHttpHandler(new RdsApi(store), calls));
        http.setExecutor(httpExecutor);
        http.start();
        endpoints.forEach((id, proxy) -> proxy.start(() -> store.admitsApplications(id)));
        LOG.info("rds-emulator: API on {}, application endpoints {}", endpoint, addresses);
    }

    /**
     * Starts an emulator: binds the API and the clusters' endpoints and begins serving.
     *
     * @throws UncheckedIOException if a port cannot be bound
     */
    public static RdsEmulator start(RdsEmulatorConfig config) {
        try {
            return new RdsEmulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the RDS emulator", e);
        }
    }

    /** The API base URI, e.g. {@code http://127.0.0.1:43121}, for the SDK's {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
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

    // ---- fault injection and counters ----

    /** The next {@code n} API calls answer this error code with this HTTP status instead of being served. */
    public void failNextCalls(int n, String errorCode, int httpStatus) {
        calls.failNext(n, new RdsError(errorCode, httpStatus, "injected by the emulator"));
    }

    /** The next {@code n} API calls answer {@code Throttling} (HTTP 400), which the SDK retries. */
    public void throttleNextCalls(int n) {
        calls.failNext(n, RdsError.throttling());
    }

    public void clearFaults() {
        calls.clearFaults();
    }

    /** API calls per action (e.g. {@code ModifyDBCluster}), whatever the outcome. */
    public Map<String, Long> callsByAction() {
        return calls.byAction();
    }

    public void resetCounters() {
        calls.reset();
    }

    /** Stops the API and the endpoints (closing the connections they relay). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        httpExecutor.shutdownNow();
        endpoints.values().forEach(EndpointProxy::close);
        LOG.info("rds-emulator: stopped {}", endpoint);
    }
}
