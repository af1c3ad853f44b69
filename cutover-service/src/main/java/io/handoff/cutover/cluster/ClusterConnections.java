package io.handoff.cutover.cluster;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.cutover.config.CutoverConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One open JDBC connection per registered cluster, as the cluster's administrative account: opened
 * at start-up, validated every {@code handoff.cutover.connections.keep-warm-every} and at every
 * lease, reopened when broken, closed at shutdown. A flip step therefore never waits for a TCP and
 * authentication handshake unless the connection really broke.
 *
 * <p>Threads: steps lease a connection on the command worker thread ({@link #open}); the keep-warm
 * job runs on a scheduler thread and skips a connection that is leased. A database that is down at
 * start-up does not stop the service: its connection is opened at the next lease or keep-warm run.
 */
@Singleton
public class ClusterConnections {
    private final Map<String, WarmConnection> byCluster = new TreeMap<>();

    public ClusterConnections(ClusterRegistry registry, CutoverConfig config) {
        registry.clusters().forEach((name, spec) -> byCluster.put(name, new WarmConnection(spec, config.connections())));
    }

    void warmUp(@Observes StartupEvent started) {
        keepWarm();
    }

    /**
     * Leases the cluster's connection until the returned session is closed (use try-with-resources).
     *
     * @throws ClusterSqlException when the connection is broken and cannot be reopened
     */
    public ClusterSession open(ClusterSpec cluster) throws SQLException {
        WarmConnection connection = byCluster.get(cluster.name());
        if (connection == null) {
            throw new IllegalArgumentException("cluster " + cluster.name() + " is not in this service's registry");
        }
        return connection.lease();
    }

    /** Validates every idle connection and reopens the broken ones. */
    @Scheduled(identity = "cluster-connections-keep-warm", every = "${handoff.cutover.connections.keep-warm-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void keepWarm() {
        byCluster.values().forEach(WarmConnection::keepWarm);
    }

    /** Closes every connection (at shutdown; also for code that built this registry's connections itself). */
    @PreDestroy
    public void closeAll() {
        byCluster.values().forEach(WarmConnection::close);
    }
}
