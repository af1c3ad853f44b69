package io.handoff.cutover.messaging;

import static io.handoff.cutover.support.Servers.A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepType;
import io.handoff.common.json.Json;
import io.handoff.common.topic.HandoffAcls;
import io.handoff.common.topic.Topics;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.kit.config.KafkaClientSettings;
import io.handoff.kit.config.KafkaCredentialsCheck;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.kafka.SecuredKafkaCoordinates;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: cutover-service against a secured broker (SASL_SSL, SCRAM-SHA-512, {@link HandoffAcls}), connecting as its
 * own principal {@code cutover}: it executes what the planner's principal commands and publishes its step events, and
 * the broker refuses a command another principal writes on its topic. Runs in a JVM of its own whose shared stack is
 * secured ({@code handoff.stack.secure-kafka=true}, failsafe execution {@code secured-kafka-stack}); the bus of
 * {@link ReplicatedPairFixture} is the planner.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@Tag("issue-22")
class CutoverSecuredKafkaIT extends ReplicatedPairFixture {

    /** {@code -Dit.test=CutoverSecuredKafkaIT} runs it in every failsafe execution: only the secured one has a say. */
    @BeforeAll
    static void theStacksBrokerIsSecured() {
        assumeTrue(SharedLocalStack.get().securedKafka().isPresent(),
                "a plaintext stack: runs in the secured-kafka-stack execution (-Dhandoff.stack.secure-kafka=true)");
    }

    @Test
    void aServiceWhoseKafkaPasswordIsWrongDoesNotStartAndSaysWhichPrincipalAndSetting() {
        SecuredKafkaCoordinates secured = SharedLocalStack.get().securedKafka().orElseThrow();
        Map<String, String> right = secured.clientProperties(HandoffAcls.CUTOVER);
        String password = right.get("sasl.jaas.config").replaceAll(".*password=\"([^\"]*)\".*", "$1");
        Map<String, String> wrong = new HashMap<>(right);
        wrong.put("sasl.jaas.config", right.get("sasl.jaas.config").replace(password, "not-" + password));

        assertThatThrownBy(() -> KafkaCredentialsCheck.verify(new KafkaClientSettings(secured.bootstrapServers(), wrong),
                Duration.ofSeconds(10)))
                .isInstanceOf(KafkaCredentialsCheck.KafkaCredentialsRefusedException.class)
                .hasMessageContaining("does not start").hasMessageContaining("principal cutover (SASL_SSL, SCRAM-SHA-512)")
                .hasMessageContaining("KAFKA_SASL_JAAS_CONFIG").hasMessageNotContaining(password);
        Map<String, String> untrusted = new HashMap<>(right);
        untrusted.put("ssl.truststore.location", secured.truststore() + ".missing");
        assertThatThrownBy(() -> KafkaCredentialsCheck.verify(new KafkaClientSettings(secured.bootstrapServers(), untrusted),
                Duration.ofSeconds(10)))
                .isInstanceOf(KafkaCredentialsCheck.KafkaCredentialsRefusedException.class)
                .hasMessageContaining("KAFKA_SSL_TRUSTSTORE").hasMessageNotContaining(password);
        KafkaCredentialsCheck.verify(new KafkaClientSettings(secured.bootstrapServers(), right), Duration.ofSeconds(10));
    }

    @Test
    void aStepCommandOfThePlannerIsExecutedAndItsStepEventArrives() throws Exception {
        StepEvent outcome = succeeds(StepType.READ_ONLY, on(A));

        assertThat(outcome.stepId()).endsWith("-READ_ONLY");
        assertThat(servers.readOnly(servers.a())).isTrue();
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.data.principal", hasItem(HandoffAcls.CUTOVER));
    }

    @Test
    void aCommandWrittenByAnotherPrincipalIsRefusedByTheBrokerAndChangesNothing() throws Exception {
        StepCommand forged = plan.command(StepType.READ_ONLY, on(A));

        assertThatThrownBy(() -> sendAs(HandoffAcls.DNS, forged))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);

        // A later command of the same plan (same key, same partition) runs after anything accepted before it: once
        // its outcome is in, the forged command would have run too, had the broker taken it.
        succeeds(StepType.FLUSH_TABLES, on(A));
        assertThat(bus.eventsOf(forged.commandId())).isEmpty();
        assertThat(servers.readOnly(servers.a())).as("source still writable").isFalse();
    }

    private static void sendAs(String principal, StepCommand command) throws Exception {
        Map<String, Object> config = new HashMap<>(SharedLocalStack.get().kafkaClientProperties(principal));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.COMMANDS_CUTOVER, command.planId(), Json.toJson(command))).get();
        }
    }
}
