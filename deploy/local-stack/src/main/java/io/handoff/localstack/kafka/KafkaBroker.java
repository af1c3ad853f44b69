package io.handoff.localstack.kafka;

import io.handoff.common.topic.HandoffAcls;
import io.handoff.localstack.ChildProcesses;
import io.handoff.localstack.PrivateProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in KRaft mode (one node, broker and controller), run as a child process from the
 * {@code kafka_2.13} jars. {@link #start()} formats the storage on first use, starts the broker and
 * returns once a metadata request (describeCluster) succeeds. {@link #stop()} stops it cleanly; a
 * stopped broker may be started again with the same ports and data, as a restarted broker would.
 *
 * <p>Secured ({@link KafkaBrokerConfig#secured()}, off by default): the client port speaks SASL_SSL with SCRAM-SHA-512
 * only, the controller port mutual TLS, and the StandardAuthorizer refuses whatever no ACL allows; certificates,
 * stores and one SCRAM user per principal of {@code HandoffAcls} are made on first start ({@link KafkaSecurity}).
 * The broker creates no ACL: whoever provisions it applies {@code HandoffAcls} as {@code admin}.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String CLASSPATH_RESOURCE = "/io/handoff/localstack/kafka-broker.classpath";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final KafkaBrokerConfig config;
    private final KafkaSecurity security;
    private Process process;

    public KafkaBroker(KafkaBrokerConfig config) {
        this.config = config;
        this.security = config.secured() ? new KafkaSecurity(config.dataDir()) : null;
    }

    /** The secured broker's stores and client properties; fails for an unsecured broker. */
    public KafkaSecurity security() {
        if (security == null) {
            throw new IllegalStateException("the Kafka broker at " + bootstrapServers() + " is not secured");
        }
        return security;
    }

    /**
     * Admin client properties: {@code bootstrap.servers}, and when secured the {@code admin} super user's SASL_SSL
     * settings. Holds a password when secured: never print it.
     */
    public Map<String, Object> adminProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (security != null) {
            properties.putAll(security.clientProperties(HandoffAcls.ADMIN));
        }
        return properties;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + config.port();
    }

    public KafkaBrokerConfig config() {
        return config;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker (formatting its storage the first time) and waits until it answers metadata requests. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Instant begin = Instant.now();
        if (security != null) {
            security.prepare();
        }
        Path properties = writeServerProperties();
        if (!Files.exists(config.dataDir().resolve("logs").resolve("meta.properties"))) {
            format(properties);
        }
        process = ChildProcesses.start(javaCommand("kafka.Kafka", properties.toString()), config.dataDir(), log());
        awaitMetadata();
        LOG.info("Kafka broker up at {} in {} ms (log {})", bootstrapServers(),
                Duration.between(begin, Instant.now()).toMillis(), log());
    }

    private void format(Path properties) {
        if (security == null) {
            ChildProcesses.run(javaCommand("kafka.tools.StorageTool", "format", "--ignore-formatted",
                    "-t", Uuid.randomUuid().toString(), "-c", properties.toString()),
                    config.dataDir(), log(), Duration.ofSeconds(60));
            return;
        }
        // The SCRAM users are created with the storage, as kafka-storage format --add-scram does; their passwords go
        // through a private file, which is deleted once formatted.
        List<Path> files = security.formatFiles();
        try {
            ChildProcesses.run(javaCommand(files.get(0).toString(), files.get(1).toString(), "format", "--ignore-formatted",
                    "-t", Uuid.randomUuid().toString(), "-c", properties.toString()),
                    config.dataDir(), log(), Duration.ofSeconds(120));
        } finally {
            try {
                Files.deleteIfExists(files.get(1));
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", files.get(1), e.getMessage());
            }
        }
    }

    /** Stops the broker with SIGTERM (a controlled shutdown) and waits for it to exit. */
    public synchronized void stop() {
        ChildProcesses.stop(process, Duration.ofSeconds(30));
        process = null;
        LOG.info("Kafka broker at {} stopped", bootstrapServers());
    }

    /** Ends the broker at once with SIGKILL, as a crash does (no controlled shutdown); {@link #start()} recovers its logs. */
    public synchronized void kill() {
        ChildProcesses.kill(process);
        process = null;
        LOG.info("Kafka broker at {} killed (SIGKILL)", bootstrapServers());
    }

    @Override
    public void close() {
        stop();
    }

    /** The broker's own log file. */
    public Path log() {
        return config.dataDir().resolve("broker.log");
    }

    private void awaitMetadata() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Map<String, Object> adminConfig = new HashMap<>(adminProperties());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(adminConfig)) {
            RuntimeException last = null;
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + ":\n"
                            + ChildProcesses.tail(log(), 40));
                }
                try {
                    int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                            .nodes().get(3, TimeUnit.SECONDS).size();
                    if (nodes > 0) {
                        return;
                    }
                } catch (Exception e) {
                    last = new IllegalStateException(e.getMessage(), e);
                }
            }
            ChildProcesses.stop(process, Duration.ofSeconds(5));
            throw new IllegalStateException("Kafka broker did not answer a metadata request within " + START_TIMEOUT
                    + ":\n" + ChildProcesses.tail(log(), 40), last);
        }
    }

    private List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.javaExecutable(),
                "-Xms128m", "-Xmx" + config.maxHeap(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-cp", brokerClasspath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private Path writeServerProperties() {
        if (security != null) {
            return writeSecuredServerProperties();
        }
        String host = "127.0.0.1";
        String text = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + config.controllerPort(),
                "listeners=PLAINTEXT://" + host + ":" + config.port() + ",CONTROLLER://" + host + ":" + config.controllerPort(),
                "advertised.listeners=PLAINTEXT://" + host + ":" + config.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + config.dataDir().resolve("logs"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.flush.interval.messages=1000000",
                "num.network.threads=2",
                "num.io.threads=2",
                "background.threads=2",
                "");
        try {
            Files.createDirectories(config.dataDir());
            Path file = config.dataDir().resolve("server.properties");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write server.properties in " + config.dataDir(), e);
        }
    }

    /** The same broker as the unsecured one, with {@link KafkaSecurity#serverProperties}; mode 600 (it holds passwords). */
    private Path writeSecuredServerProperties() {
        String host = "127.0.0.1";
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + host + ":" + config.controllerPort());
        p.putAll(security.serverProperties(host, config.port(), config.controllerPort()));
        p.put("log.dirs", config.dataDir().resolve("logs").toString());
        p.put("num.partitions", "3");
        // Secured, topics are provisioned (TopicProvisioner, as admin): a client's metadata request creates none.
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", "1000000");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        return PrivateProperties.write(config.dataDir().resolve("server.properties"), p);
    }

    private static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + CLASSPATH_RESOURCE
                        + ": the io.handoff:kafka-broker artifact must be on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
