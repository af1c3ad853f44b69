package io.handoff.localstack;

import io.handoff.common.topic.HandoffAcls;
import io.handoff.common.topic.TopicProvisioner;
import io.handoff.common.topic.TopicRequirements;
import io.handoff.localstack.kafka.KafkaBroker;
import io.handoff.localstack.kafka.KafkaBrokerConfig;
import io.handoff.localstack.kafka.SecuredKafkaCoordinates;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.db.DatabaseServers;
import io.handoff.localstack.mariadb.DbRole;
import io.handoff.localstack.mariadb.StackAccounts;
import io.handoff.rdsemu.ClusterDefinition;
import io.handoff.rdsemu.RdsEmulator;
import io.handoff.rdsemu.RdsEmulatorConfig;
import io.handoff.route53emu.Route53Emulator;
import io.handoff.route53emu.Route53EmulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack of docs/DESIGN.md: a real Kafka broker, the database servers {@code source} and
 * {@code target} (MariaDB, MySQL or Aurora-like MySQL, per {@link LocalStackOptions}) with the stack's accounts, the Route 53 emulator with its DNS server, and the RDS
 * emulator ({@link StackRds}), which fronts each server as an Aurora cluster with an application
 * endpoint that its security groups open and close (the two endpoints on their own loopback addresses,
 * sharing one port, as the two servers do). The broker and the databases start in parallel;
 * {@link #close()} stops everything.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final LocalStackOptions options;
    private final StackAccounts accounts = StackAccounts.random();
    private final KafkaBroker kafka;
    private final DatabaseServer source;
    private final DatabaseServer target;
    /** The port both clusters' application endpoints listen on, each on its own address. */
    private final int endpointPort;
    private Route53Emulator route53;
    private RdsEmulator rds;

    private LocalStack(LocalStackOptions options) {
        this.options = options;
        this.kafka = new KafkaBroker(new KafkaBrokerConfig(options.workDir().resolve("kafka"),
                FreePorts.orFree(options.kafkaPort()), FreePorts.orFree(0), "512m", options.secureKafka()));
        int databasePort = FreePorts.orFreeOn(options.databasePort(), List.of(DbRole.SOURCE.host(), DbRole.TARGET.host()));
        this.endpointPort = FreePorts.orFreeOn(0, List.of(StackRds.SOURCE_ENDPOINT_HOST, StackRds.TARGET_ENDPOINT_HOST));
        this.source = DatabaseServers.create(DbRole.SOURCE, options.sourceFlavor(), databasePort,
                options.workDir().resolve("source"), accounts);
        this.target = DatabaseServers.create(DbRole.TARGET, options.targetFlavor(), databasePort,
                options.workDir().resolve("target"), accounts);
    }

    /** Starts every part; on failure stops what did start and throws. */
    public static LocalStack start(LocalStackOptions options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Instant begin = Instant.now();
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        parts.add(CompletableFuture.runAsync(kafka::start));
        parts.add(CompletableFuture.runAsync(source::start));
        parts.add(CompletableFuture.runAsync(target::start));
        route53 = startRoute53();
        rds = startRds();
        try {
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        createTopics();
        LOG.info("local stack up in {} ms:\n{}", Duration.between(begin, Instant.now()).toMillis(),
                coordinates().describe());
    }

    /**
     * Creates handoff's topics up front with their required settings ({@link TopicRequirements#local()}: 3
     * partitions, one replica), as a deployment's {@code handoff topics} does; a secured broker also gets
     * {@link HandoffAcls}, both as its {@code admin}.
     */
    private void createTopics() {
        try (Admin admin = TopicProvisioner.admin(kafka.adminProperties(), Duration.ofSeconds(30))) {
            TopicProvisioner.Outcome outcome = new TopicProvisioner(admin, Duration.ofSeconds(30))
                    .provision(TopicRequirements.local(), false);
            if (!outcome.safe()) {
                throw new IllegalStateException("handoff's topics are unsafe: " + outcome.unsafe());
            }
            if (options.secureKafka()) {
                HandoffAcls.apply(admin, Duration.ofSeconds(30));
            }
        }
    }

    private Route53Emulator startRoute53() {
        return Route53Emulator.start(Route53EmulatorConfig.builder()
                .httpPort(options.route53Port())
                .dnsPort(options.dnsPort())
                .insyncDelay(options.insyncDelay())
                .build());
    }

    private RdsEmulator startRds() {
        return RdsEmulator.start(RdsEmulatorConfig.builder()
                .transitionDelay(StackRds.TRANSITION_DELAY)
                .securityGroup(StackRds.APPLICATION_GROUP, true)
                .securityGroup(StackRds.RESTRICTED_GROUP, false)
                .cluster(cluster(StackRds.SOURCE_CLUSTER_ID, source, StackRds.SOURCE_ENDPOINT_HOST))
                .cluster(cluster(StackRds.TARGET_CLUSTER_ID, target, StackRds.TARGET_ENDPOINT_HOST))
                .build());
    }

    /** The cluster fronting {@code server}, its application endpoint on {@code endpointHost} and the shared endpoint port. */
    private ClusterDefinition cluster(String identifier, DatabaseServer server, String endpointHost) {
        return ClusterDefinition.auroraMysql(identifier, new InetSocketAddress(server.host(), server.port()),
                List.of(StackRds.APPLICATION_GROUP)).withEndpoint(new InetSocketAddress(endpointHost, endpointPort));
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /**
     * With {@link LocalStackOptions#secureKafka()}: the SASL_SSL bootstrap servers, the truststore and each principal's
     * client properties (passwords: never print them); empty for the default, unsecured broker.
     */
    public Optional<SecuredKafkaCoordinates> securedKafka() {
        return options.secureKafka() ? Optional.of(SecuredKafkaCoordinates.of(kafka)) : Optional.empty();
    }

    /**
     * Kafka client properties of a client that acts as {@code principal} (one of {@code HandoffAcls.principals()}):
     * {@code bootstrap.servers}, and with a secured broker that principal's SASL_SSL settings (its password among
     * them: never print them).
     */
    public Map<String, Object> kafkaClientProperties(String principal) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        securedKafka().ifPresent(secured -> properties.putAll(secured.clientProperties(principal)));
        return properties;
    }

    public DatabaseServer source() {
        return source;
    }

    public DatabaseServer target() {
        return target;
    }

    /** The server of cluster {@code name} ({@code source} or {@code target}). */
    public DatabaseServer server(String name) {
        return switch (name) {
            case "source" -> source;
            case "target" -> target;
            default -> throw new IllegalArgumentException("the local stack has clusters source and target, not '" + name + "'");
        };
    }

    public Route53Emulator route53() {
        return route53;
    }

    /** The RDS emulator: clusters {@link StackRds#SOURCE_CLUSTER_ID} and {@link StackRds#TARGET_CLUSTER_ID}. */
    public RdsEmulator rds() {
        return rds;
    }

    public StackAccounts accounts() {
        return accounts;
    }

    public LocalStackOptions options() {
        return options;
    }

    /** Addresses and the cluster registry entries the services need. */
    public StackCoordinates coordinates() {
        return new StackCoordinates(kafka.bootstrapServers(), side(source, StackRds.SOURCE_CLUSTER_ID),
                side(target, StackRds.TARGET_CLUSTER_ID), accounts.repl(), route53.endpoint().toString(),
                "127.0.0.1:" + route53.dnsPort(), rds.endpoint().toString(), rds.region(), securedKafka());
    }

    private StackCoordinates.Side side(DatabaseServer server, String clusterId) {
        InetSocketAddress endpoint = rds.applicationEndpoint(clusterId);
        return new StackCoordinates.Side(server.host(), server.port(), server.flavor(), server.clusterAccount(),
                endpoint.getAddress().getHostAddress(), endpoint.getPort());
    }

    @Override
    public void close() {
        if (route53 != null) {
            route53.close();
        }
        if (rds != null) {
            rds.close();
        }
        CompletableFuture.allOf(
                CompletableFuture.runAsync(kafka::close),
                CompletableFuture.runAsync(source::close),
                CompletableFuture.runAsync(target::close)).join();
        LOG.info("local stack stopped");
    }
}
