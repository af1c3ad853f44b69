package io.handoff.demo;

import io.handoff.localstack.FreePorts;
import io.handoff.localstack.PrivateProperties;
import io.handoff.localstack.StackCoordinates;
import io.handoff.localstack.mariadb.DbAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The four services started against a local stack. Services that use no database get a configuration
 * without the cluster registry: they never hold a database password. With a secured broker each service gets its own
 * Kafka principal's settings ({@link HandoffService#kafkaPrincipal()}, {@link StackCoordinates#toProperties(String)})
 * in a properties file of its own ({@code <module>.properties}), and no other principal's password.
 */
public final class HandoffServices implements AutoCloseable {
    private final Map<HandoffService, ServiceProcess> processes = new EnumMap<>(HandoffService.class);
    /** Each service's configuration, as written to its properties file: what {@link #startAnother} starts with. */
    private final Map<HandoffService, Map<String, String>> configs = new EnumMap<>(HandoffService.class);
    /** Second instances of a service ({@link #startAnother}), stopped with the others. */
    private final List<ServiceProcess> others = new ArrayList<>();
    private Path workDir;
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
        services.workDir = workDir;
        try {
            boolean secured = stack.securedKafka().isPresent();
            for (HandoffService service : HandoffService.values()) {
                Map<String, String> serviceConfig = new LinkedHashMap<>(stack.toProperties(service.kafkaPrincipal()));
                if (service.usesDatabases()) {
                    serviceConfig.putAll(databaseServiceConfig);
                } else {
                    serviceConfig.keySet().removeIf(key -> key.startsWith("handoff.clusters."));
                }
                if (service == HandoffService.PLANNER) {
                    serviceConfig.put("quarkus.security.users.embedded.users." + services.operator.user(),
                            services.operator.password());
                    serviceConfig.put("quarkus.security.users.embedded.roles." + services.operator.user(), "operator");
                    serviceConfig.put("quarkus.security.users.embedded.users." + services.applicationLogin.user(),
                            services.applicationLogin.password());
                    serviceConfig.put("quarkus.security.users.embedded.roles." + services.applicationLogin.user(),
                            "application");
                }
                // A plaintext broker: the executors share a file (with or without the cluster registry), as before.
                String file = service == HandoffService.PLANNER ? "planner.properties"
                        : secured ? service.module() + ".properties"
                        : service.usesDatabases() ? "services-with-clusters.properties" : "services.properties";
                Path config = PrivateProperties.write(workDir.resolve(file), serviceConfig);
                services.configs.put(service, serviceConfig);
                ServiceProcess process = new ServiceProcess(service, repository, config,
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

    /**
     * Starts one more instance of {@code service} (same configuration plus {@code overrides}, its own port and log
     * {@code <module>-<n>.log}), in the same consumer group as the first, and waits until it is ready; it is stopped
     * with the others, or by the caller.
     */
    public ServiceProcess startAnother(HandoffService service, Path repository, Map<String, String> overrides) {
        Map<String, String> config = new LinkedHashMap<>(configs.get(service));
        config.putAll(overrides);
        int instance;
        synchronized (others) {
            instance = others.size() + 2;
        }
        String name = service.module() + "-" + instance;
        ServiceProcess process = new ServiceProcess(service, repository,
                PrivateProperties.write(workDir.resolve(name + ".properties"), config), workDir.resolve(name + ".log"),
                FreePorts.orFree(0));
        synchronized (others) {
            others.add(process);
        }
        process.start();
        process.awaitReady(Duration.ofSeconds(120));
        return process;
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
        List<ServiceProcess> all = new ArrayList<>(processes.values());
        synchronized (others) {
            all.addAll(others);
        }
        CompletableFuture.allOf(all.stream()
                .map(p -> CompletableFuture.runAsync(p::close)).toArray(CompletableFuture[]::new)).join();
    }
}
