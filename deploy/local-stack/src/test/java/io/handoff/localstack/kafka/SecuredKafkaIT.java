package io.handoff.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.handoff.common.topic.HandoffAcls;
import io.handoff.common.topic.TopicProvisioner;
import io.handoff.common.topic.TopicRequirements;
import io.handoff.common.topic.Topics;
import io.handoff.localstack.testing.ScratchKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: a secured broker of its own (SASL_SSL with SCRAM-SHA-512, ACLs of {@link HandoffAcls}, provisioned as
 * {@code admin} like a deployment would) refuses what a principal does not own. Tests share the broker and isolate by
 * record values and consumer groups.
 */
@Tag("issue-22")
class SecuredKafkaIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ScratchKafka kafka;
    private static Admin admin;

    @BeforeAll
    static void securedBrokerWithTopicsAndAcls() {
        kafka = ScratchKafka.startSecured();
        admin = TopicProvisioner.admin(kafka.broker().adminProperties(), TIMEOUT);
        assertThat(new TopicProvisioner(admin, TIMEOUT).provision(TopicRequirements.local(), false).safe()).isTrue();
        HandoffAcls.apply(admin, TIMEOUT);
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void anExecutorCannotWriteAnotherExecutorsCommands() throws Exception {
        long before = records(Topics.COMMANDS_CUTOVER);
        String forged = "forged-" + UUID.randomUUID();

        assertThatThrownBy(() -> send(as(HandoffAcls.DNS), Topics.COMMANDS_CUTOVER, forged))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        // client has no WRITE anywhere: without idempotence its refusal is the topic's too
        Map<String, Object> client = as(HandoffAcls.CLIENT);
        client.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        assertThatThrownBy(() -> send(client, Topics.COMMANDS_CUTOVER, forged))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);

        assertThat(records(Topics.COMMANDS_CUTOVER)).as("records on the topic, read as admin").isEqualTo(before);
        assertThat(readAll(kafka.broker().adminProperties(), Topics.COMMANDS_CUTOVER, null)).doesNotContain(forged);
    }

    @Test
    void thePlannerWritesCommandsAndCutoverReadsThemWithItsGroup() throws Exception {
        String command = "command-" + UUID.randomUUID();

        send(as(HandoffAcls.PLANNER), Topics.COMMANDS_CUTOVER, command);

        assertThat(readAll(as(HandoffAcls.CUTOVER), Topics.COMMANDS_CUTOVER, HandoffAcls.CUTOVER_GROUP)).contains(command);
        // the same records, but not in another executor's group
        assertThatThrownBy(() -> readAll(as(HandoffAcls.CUTOVER), Topics.COMMANDS_CUTOVER, HandoffAcls.DNS_GROUP))
                .hasMessageContaining("Not authorized to access group");
    }

    @Test
    void aRestartedBrokerKeepsItsCertificatesCredentialsAndAcls() throws Exception {
        Map<String, Object> planner = as(HandoffAcls.PLANNER);

        kafka.broker().stop();
        kafka.broker().start();

        assertThat(as(HandoffAcls.PLANNER)).as("the same passwords and truststore").isEqualTo(planner);
        String event = "plan-event-" + UUID.randomUUID();
        send(planner, Topics.PLANS, event);
        assertThat(readAll(kafka.broker().adminProperties(), Topics.PLANS, null)).contains(event);
        assertThatThrownBy(() -> send(as(HandoffAcls.MONITOR), Topics.PLANS, event))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aWrongPasswordFailsAuthenticationWithAClearError() {
        Map<String, Object> wrong = new HashMap<>(kafka.broker().adminProperties());
        wrong.putAll(kafka.broker().security().clientProperties(HandoffAcls.PLANNER, "not-the-password"));

        try (Admin impostor = Admin.create(wrong)) {
            assertThatThrownBy(() -> impostor.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials with SASL mechanism SCRAM-SHA-512");
        }
    }

    @Test
    void aPlaintextClientCannotTalkToTheSecuredListener() {
        Map<String, Object> plaintext = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);

        try (Admin outsider = Admin.create(plaintext)) {
            assertThatThrownBy(() -> outsider.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void theBrokersAclsAreTheMatrixAndNobodyWritesATopicItDoesNotOwn() {
        Set<AclBinding> onBroker = HandoffAcls.describe(admin, TIMEOUT);

        assertThat(onBroker).containsExactlyInAnyOrderElementsOf(HandoffAcls.bindings());
        Map<String, Set<String>> writers = new TreeMap<>();
        for (AclBinding acl : onBroker) {
            if (acl.pattern().resourceType() == ResourceType.TOPIC
                    && Set.of(AclOperation.WRITE, AclOperation.ALL).contains(acl.entry().operation())) {
                writers.computeIfAbsent(acl.pattern().name(), k -> new TreeSet<>()).add(acl.entry().principal());
            }
        }
        assertThat(writers).isEqualTo(Map.of(
                Topics.PLANS, Set.of("User:planner"),
                Topics.COMMANDS_CUTOVER, Set.of("User:planner"),
                Topics.COMMANDS_DNS, Set.of("User:cutover", "User:planner"),
                Topics.COMMANDS_MONITOR, Set.of("User:planner"),
                Topics.STEP_EVENTS, Set.of("User:cutover", "User:dns", "User:monitor"),
                Topics.REPLICATION_LAG, Set.of("User:monitor"),
                Topics.REPLICATION_DRIFT, Set.of("User:monitor"),
                Topics.APPLICATIONS, Set.of("User:cutover", "User:planner"),
                // prefixed: the monitor's Debezium offset and schema history topics, none of the topics above
                HandoffAcls.MONITOR_ENGINE_TOPIC_PREFIX, Set.of("User:monitor")));
    }

    @Test
    void theMonitorCreatesItsEnginesTopicsAndNoOther() throws Exception {
        String engineTopic = HandoffAcls.MONITOR_ENGINE_TOPIC_PREFIX + "offsets.plan-" + UUID.randomUUID();
        try (Admin monitor = TopicProvisioner.admin(as(HandoffAcls.MONITOR), TIMEOUT)) {
            monitor.createTopics(List.of(new NewTopic(engineTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            send(as(HandoffAcls.MONITOR), engineTopic, "offset");

            assertThatThrownBy(() -> monitor.createTopics(List.of(new NewTopic("handoff.other-" + UUID.randomUUID(), 1,
                    (short) 1))).all().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        assertThatThrownBy(() -> send(as(HandoffAcls.DNS), engineTopic, "forged"))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void secretsAreOwnerOnlyAndNeverLogged() throws Exception {
        Path dir = kafka.broker().config().dataDir();
        for (Path secret : List.of(dir.resolve("server.properties"), dir.resolve("security/passwords.properties"),
                dir.resolve("security/truststore.password"), dir.resolve("security/keystore.password"),
                dir.resolve("security/ca.password"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("security"))))
                .isEqualTo("rwx------");
        assertThat(dir.resolve("security/scram-format.txt")).as("credentials handed to the format").doesNotExist();
        String log = Files.readString(kafka.broker().log(), StandardCharsets.UTF_8)
                + Files.readString(dir.resolve("security/keytool.log"), StandardCharsets.UTF_8);
        for (String user : HandoffAcls.principals()) {
            String jaas = kafka.broker().security().clientProperties(user).get("sasl.jaas.config");
            String password = jaas.substring(jaas.indexOf("password=\"") + 10, jaas.lastIndexOf('"'));
            assertThat(log).as(user + "'s password in a log").doesNotContain(password);
        }
        assertThat(log).doesNotContain(kafka.broker().security().truststorePassword());
        SecuredKafkaCoordinates coordinates = SecuredKafkaCoordinates.of(kafka.broker());
        assertThat(coordinates.toString()).doesNotContain(coordinates.truststorePassword()).doesNotContain("password=");
        assertThat(coordinates.clientProperties()).containsOnlyKeys(HandoffAcls.principals());
        assertThat(coordinates.clientProperties(HandoffAcls.MONITOR)).containsOnlyKeys("security.protocol",
                "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.type", "ssl.truststore.location",
                "ssl.truststore.password").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    /** A client of {@code user} as the local stack would hand it out. */
    private static Map<String, Object> as(String user) {
        SecuredKafkaCoordinates coordinates = SecuredKafkaCoordinates.of(kafka.broker());
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, coordinates.bootstrapServers());
        config.putAll(coordinates.clientProperties(user));
        return config;
    }

    private static void send(Map<String, Object> client, String topic, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "plan-1", value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Records on every partition of {@code topic}, from the end offsets the admin reads. */
    private static long records(String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(kafka.broker().adminProperties());
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions, TIMEOUT).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Every value on {@code topic}: assigned from the start without a group, or, with {@code group}, subscribed in it
     * (committing what it read) until at least one record came and a poll returned nothing more.
     */
    private static List<String> readAll(Map<String, Object> client, String topic, String group) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            if (group == null) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
                await().atMost(TIMEOUT).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                    return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
                });
            } else {
                consumer.subscribe(List.of(topic));
                await().atMost(TIMEOUT).until(() -> {
                    int before = values.size();
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        values.add(record.value());
                    }
                    return !values.isEmpty() && values.size() == before;
                });
                consumer.commitSync(TIMEOUT);
            }
        }
        return values;
    }
}
