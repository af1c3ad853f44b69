package io.handoff.demo;

import io.handoff.client.Endpoint;
import io.handoff.client.HandoffDataSource;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.workload.EndpointDataSource;
import io.handoff.localstack.workload.WorkloadApplication;
import io.handoff.localstack.workload.WorkloadSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The demo's applications that follow the planner's events through the handoff client library rather than DNS
 * alone: each gets a {@link HandoffDataSource} that starts at its DNS name and moves to the address each event
 * names; its writer threads take their connections from it. Closing closes the data sources.
 */
final class EventFollowingApplications implements AutoCloseable {
    /** How long the library holds a statement while a fence runs before it fails it. */
    static final Duration HOLD_BUDGET = Duration.ofSeconds(5);

    private final URI planner;
    private final DbAccount login;
    private final Set<String> names;
    private final Map<String, HandoffDataSource> clients = new LinkedHashMap<>();

    /**
     * @param planner the planner whose {@code /applications/{name}/events} they follow
     * @param login   the planner login they follow it with (role {@code application})
     * @param names   the applications that follow events; the others use DNS only
     */
    EventFollowingApplications(URI planner, DbAccount login, Set<String> names) {
        this.planner = planner;
        this.login = login;
        this.names = Set.copyOf(names);
    }

    /** No application follows events. */
    static EventFollowingApplications none() {
        return new EventFollowingApplications(URI.create("http://127.0.0.1:1"), DbAccount.withRandomPassword("none"), Set.of());
    }

    boolean follows(String application) {
        return names.contains(application);
    }

    /** {@code application} as the workload runs it: through its client library when it follows events, else as is. */
    WorkloadApplication wired(WorkloadApplication application, WorkloadSettings settings) {
        if (!follows(application.name())) {
            return application;
        }
        HandoffDataSource client = HandoffDataSource.builder()
                .planner(planner)
                .application(application.name())
                .initial(new Endpoint(dnsName(application.databaseName()), application.port()))
                .pools(endpoint -> new EndpointDataSource(settings, application, endpoint.host(), endpoint.port()))
                .holdBudget(HOLD_BUDGET)
                .basicAuth(login.user(), login.password())
                .build();
        clients.put(application.name(), client);
        return application.withConnections(client);
    }

    /** Statements (and connection requests) the library of {@code application} held so far; null when it follows DNS. */
    Long heldStatements(String application) {
        HandoffDataSource client = clients.get(application);
        return client == null ? null : client.stats().heldStatements();
    }

    /** What the client library of {@code application} did so far; empty when it follows DNS. */
    java.util.Optional<io.handoff.client.Stats> stats(String application) {
        return java.util.Optional.ofNullable(clients.get(application)).map(HandoffDataSource::stats);
    }

    private static String dnsName(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public void close() {
        clients.values().forEach(HandoffDataSource::close);
        clients.clear();
    }
}
