package io.handoff.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.common.json.Json;
import io.handoff.common.topic.TopicProvisioner;
import io.handoff.common.topic.TopicRequirements;
import io.handoff.common.topic.Topics;
import io.handoff.common.topic.UnsafeSetting;
import io.handoff.localstack.testing.ScratchKafka;
import io.handoff.planner.plan.Plans;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: a planner whose {@code handoff.plans} was created with the broker's default retention (7 days: the plans
 * and their fencing epochs would be deleted) runs no plan. It says so by topic and setting (readiness, a 503 problem
 * body, its log) and runs plans once the topic is fixed. A broker of the test's own: the shared stack's topics are
 * safe and must stay so.
 */
class UnsafeTopicsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String UNSAFE = "handoff.plans: retention.ms=604800000, must be -1";

    @Test
    void aPlanLogWithARetentionIsRefusedByNameUntilFixed() throws Exception {
        try (ScratchKafka kafka = ScratchKafka.start();
                Admin admin = TopicProvisioner.admin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        TIMEOUT)) {
            admin.createTopics(List.of(new NewTopic(Topics.PLANS, 3, (short) 1).configs(Map.of("retention.ms", "604800000"))))
                    .all().get(30, TimeUnit.SECONDS);
            try (PlannerProcess planner = new PlannerProcess(kafka.bootstrapServers(), Path.of("target", "unsafe-topics-it"),
                    Map.of("handoff.topics.create", "true", "handoff.topics.recheck-interval", "500ms")).launch()) {

                Awaitility.await("readiness names the unsafe setting").atMost(TIMEOUT).untilAsserted(() -> {
                    HttpResponse<String> ready = planner.readiness();
                    assertThat(ready.statusCode()).isEqualTo(503);
                    JsonNode planLog = check(PlannerProcess.read(ready.body()), "plan-log");
                    assertThat(planLog.path("status").asText()).isEqualTo("DOWN");
                    assertThat(planLog.at("/data/reason").asText()).contains(UNSAFE);
                    assertThat(planLog.at("/data/unsafe-topics").asText()).isEqualTo(UNSAFE);
                });

                HttpResponse<String> refused = planner.post("/plans", Json.toJson(Plans.valid(null)));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/problem+json"));
                JsonNode problem = PlannerProcess.read(refused.body());
                assertThat(problem.path("status").asInt()).isEqualTo(503);
                assertThat(problem.path("title").asText()).isEqualTo("Unsafe Kafka topics");
                assertThat(problem.path("detail").asText()).contains(UNSAFE);
                assertThat(problem.path("errors")).hasSize(1);
                assertThat(problem.at("/errors/0/field").asText()).isEqualTo(Topics.PLANS);
                assertThat(problem.at("/errors/0/message").asText()).isEqualTo("retention.ms=604800000, must be -1");

                TopicProvisioner provisioner = new TopicProvisioner(admin, TIMEOUT);
                assertThat(provisioner.check(TopicRequirements.local())).as("the planner created the missing topics")
                        .extracting(UnsafeSetting::toString).containsExactly(UNSAFE);
                assertThat(Files.readString(planner.log())).contains("UNSAFE KAFKA TOPICS").contains(UNSAFE);

                assertThat(provisioner.provision(TopicRequirements.local(), true).unsafe()).isEmpty();

                Awaitility.await("ready once fixed").atMost(TIMEOUT)
                        .untilAsserted(() -> assertThat(planner.readiness().statusCode()).isEqualTo(200));
                HttpResponse<String> accepted = planner.post("/plans", Json.toJson(Plans.valid(null)));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
            }
        }
    }

    private static JsonNode check(JsonNode health, String name) {
        return StreamSupport.stream(health.path("checks").spliterator(), false)
                .filter(check -> name.equals(check.path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no health check named " + name + " in " + health));
    }
}
