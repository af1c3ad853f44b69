package io.handoff.cutover.cluster;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Secret;
import io.handoff.cutover.config.CutoverConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

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
    /** Per cluster, per user: the per-user kill strategy's sessions ({@code handoff.cutover.kill-accounts}). */
    private final Map<String, Map<String, WarmConnection>> asUser = new TreeMap<>();
    /** {@code System.nanoTime()} at the start of the fence this thread runs, or null outside one. */
    private final ThreadLocal<Long> fenceStartedNanos = new ThreadLocal<>();
    /** The deadline of the step this thread runs, or null. */
    private final ThreadLocal<Instant> stepDeadline = new ThreadLocal<>();

    /** Rounds of the fence's statements each connection runs at start-up ({@link WarmConnection#warmSqlPath}). */
    private final int warmUpRounds;

    public ClusterConnections(ClusterRegistry registry, CutoverConfig config) {
        this.warmUpRounds = config.connections().warmUpRounds();
        registry.clusters().forEach((name, spec) -> byCluster.put(name, new WarmConnection(spec, config.connections())));
        config.killAccounts().forEach((cluster, accounts) -> {
            ClusterSpec spec = registry.require(cluster);
            Map<String, WarmConnection> users = asUser.computeIfAbsent(cluster, name -> new TreeMap<>());
            accounts.forEach((user, password) -> users.put(user, new WarmConnection(new ClusterSpec(spec.name(), spec.host(),
                    spec.port(), spec.flavor(), user, Secret.of(password), spec.replication()), config.connections())));
        });
    }

    /**
     * Opens every connection, then warms the fence's statements up ({@link WarmConnection#warmSqlPath}) on a thread of
     * its own: the service's start does not wait for it, and a step that leases a connection meanwhile waits at most for
     * that connection's rounds.
     */
    void warmUp(@Observes StartupEvent started) {
        keepWarm();
        if (warmUpRounds > 0) {
            Thread warming = new Thread(() -> byCluster.values().forEach(connection -> connection.warmSqlPath(warmUpRounds)),
                    "cluster-connections-warm-up");
            warming.setDaemon(true);
            warming.start();
        }
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
        Long fence = fenceStartedNanos.get();
        return connection.lease(fence == null ? Long.MAX_VALUE : fence, stepDeadline.get());
    }

    /**
     * Runs {@code work} (one step, on this thread) with every lease bounded by {@code deadline}: see {@link WarmConnection}.
     */
    public <T, E extends Exception> T withinDeadline(Instant deadline, DeadlineWork<T, E> work) throws E {
        Instant outer = stepDeadline.get();
        stepDeadline.set(deadline);
        try {
            return work.run();
        } finally {
            stepDeadline.set(outer);
        }
    }

    /** Work bounded by a step's deadline. */
    @FunctionalInterface
    public interface DeadlineWork<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} (a fence's steps, on this thread) trusting a connection that a lease of it ended cleanly less
     * than the validation bypass ago: see {@link WarmConnection}. Outside it every lease validates.
     */
    public <T> T trustingCleanLeases(Supplier<T> work) {
        if (fenceStartedNanos.get() != null) {
            return work.get();
        }
        fenceStartedNanos.set(System.nanoTime());
        try {
            return work.get();
        } finally {
            fenceStartedNanos.remove();
        }
    }

    /**
     * Leases the session kept open as {@code user} on {@code cluster} (the per-user kill strategy),
     * empty when the service holds no password for that user there.
     *
     * @throws ClusterSqlException when the session is broken and cannot be reopened (a locked account
     *                             cannot log in again)
     */
    public Optional<ClusterSession> openAs(ClusterSpec cluster, String user) throws SQLException {
        WarmConnection connection = asUser.getOrDefault(cluster.name(), Map.of()).get(user);
        return connection == null ? Optional.empty() : Optional.of(connection.lease(Long.MAX_VALUE, stepDeadline.get()));
    }

    /** {@code true} when the service holds the password of {@code user} on {@code cluster} (per-user kills). */
    public boolean holdsAccount(ClusterSpec cluster, String user) {
        return asUser.getOrDefault(cluster.name(), Map.of()).containsKey(user);
    }

    /**
     * The server ids of this service's open sessions on {@code cluster}'s server (administrative and per-user),
     * under every registry name that reaches the same host and port: a kill must spare them all.
     */
    public Set<Long> ownSessions(ClusterSpec cluster) {
        Set<Long> ids = new TreeSet<>();
        Stream.concat(byCluster.values().stream(), asUser.values().stream().flatMap(users -> users.values().stream()))
                .filter(connection -> connection.reaches(cluster)).forEach(connection -> ids.add(connection.connectionId()));
        ids.remove(0L);
        return ids;
    }

    /** Validates every idle connection and reopens the broken ones. */
    @Scheduled(identity = "cluster-connections-keep-warm", every = "${handoff.cutover.connections.keep-warm-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void keepWarm() {
        byCluster.values().forEach(WarmConnection::keepWarm);
        asUser.values().forEach(users -> users.values().forEach(WarmConnection::keepWarm));
    }

    /** Closes every connection (at shutdown; also for code that built this registry's connections itself). */
    @PreDestroy
    public void closeAll() {
        byCluster.values().forEach(WarmConnection::close);
        asUser.values().forEach(users -> users.values().forEach(WarmConnection::close));
    }
}
