package io.handoff.demo;

import io.handoff.localstack.FreePorts;
import io.handoff.localstack.PrivateProperties;
import io.handoff.localstack.StackCoordinates;
import io.handoff.localstack.mariadb.DbAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The four services started against a local stack. Services that use no database get a configuration
 * without the cluster registry: they never hold a database password.
 */
public final class HandoffServices implements AutoCloseable {
    private final Map<HandoffService, ServiceProcess> processes = new EnumMap<>(HandoffService.class);
    /** The planner's operator for this run (HTTP basic auth, embedded users); its password is random. */
    private final DbAccount operator = DbAccount.withRandomPassword("operator");
    /** The login of the applications' client library (role application: it reads their events only); random password. */
    private final DbAccount applicationLogin = DbAccount.withRandomPassword("applications");

    private HandoffServices() {
    }

    /** Starts every service and waits until each is ready. */
    public static HandoffServices start(Path repository, Path workDir, StackCoordinates stack) {
        return start(repository, workDir, stack, Map.of());
    }

    /**
     * Starts every service, the ones that reach the databases with {@code databaseServiceConfig} on top
     * of the stack's configuration (e.g. where the cutover service finds mysqldump), and waits until
     * each is ready.
     */
    public static HandoffServices start(Path repository, Path workDir, StackCoordinates stack,
            Map<String, String> databaseServiceConfig) {
        HandoffServices services = new HandoffServices();
        try {
            Map<String, String> clusterConfig = new java.util.LinkedHashMap<>(stack.toProperties());
            clusterConfig.putAll(databaseServiceConfig);
            Path withClusters = PrivateProperties.write(workDir.resolve("services-with-clusters.properties"), clusterConfig);
            Map<String, String> noClusters = new java.util.LinkedHashMap<>(stack.toProperties());
            noClusters.keySet().removeIf(key -> key.startsWith("handoff.clusters."));
            Path withoutClusters = PrivateProperties.write(workDir.resolve("services.properties"), noClusters);
            Map<String, String> plannerConfig = new java.util.LinkedHashMap<>(noClusters);
            plannerConfig.put("quarkus.security.users.embedded.users." + services.operator.user(), services.operator.password());
            plannerConfig.put("quarkus.security.users.embedded.roles." + services.operator.user(), "operator");
            plannerConfig.put("quarkus.security.users.embedded.users." + services.applicationLogin.user(),
                    services.applicationLogin.password());
            plannerConfig.put("quarkus.security.users.embedded.roles." + services.applicationLogin.user(), "application");
            Path planner = PrivateProperties.write(workDir.resolve("planner.properties"), plannerConfig);
            for (HandoffService service : HandoffService.values()) {
                ServiceProcess process = new ServiceProcess(service, repository,
                        service == HandoffService.PLANNER ? planner : service.usesDatabases() ? withClusters : withoutClusters,
                        workDir.resolve(service.module() + ".log"), FreePorts.orFree(0));
                services.processes.put(service, process);
                process.start();
            }
            CompletableFuture.allOf(services.processes.values().stream()
                    .map(p -> CompletableFuture.runAsync(() -> p.awaitReady(Duration.ofSeconds(120))))
                    .toArray(CompletableFuture[]::new)).join();
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    public ServiceProcess get(HandoffService service) {
        return processes.get(service);
    }

    /** The operator account the planner was started with (for tools that log in themselves). */
    public DbAccount operator() {
        return operator;
    }

    /** The login the applications' client library follows their events with. */
    public DbAccount applicationLogin() {
        return applicationLogin;
    }

    public PlannerClient planner() {
        return new PlannerClient(get(HandoffService.PLANNER).uri(), operator);
    }

    @Override
    public void close() {
        CompletableFuture.allOf(processes.values().stream()
                .map(p -> CompletableFuture.runAsync(p::close)).toArray(CompletableFuture[]::new)).join();
    }
}
