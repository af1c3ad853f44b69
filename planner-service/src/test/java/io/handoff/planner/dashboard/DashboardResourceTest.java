package io.handoff.planner.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.handoff.common.event.ApplicationEvent;
import io.handoff.common.event.ApplicationEventKind;
import io.handoff.common.event.DriftKind;
import io.handoff.common.event.DriftReport;
import io.handoff.common.event.HandoffEvent;
import io.handoff.common.event.LagSample;
import io.handoff.common.json.Json;
import io.handoff.common.topic.Topics;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's server side over the real broker: its page, the sign-in check, and the per-plan
 * stream of the monitor's lag samples and drift reports (recent ones first, then live ones).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class DashboardResourceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URI root;

    @Test
    void thePlannerServesTheDashboardPageWithoutCredentials() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("dashboard.js"));
        given().get("/dashboard.js").then().statusCode(200).body(containsString("/dashboard/plans/"));
    }

    @Test
    void signInTellsTheRolesAndRefusesAWrongPasswordWithoutABasicAuthChallenge() {
        given().contentType(ContentType.JSON).body(Map.of("user", "test-operator", "password", "test-operator-password"))
                .post("/dashboard/session").then().statusCode(200)
                .body("user", equalTo("test-operator")).body("roles", equalTo(List.of("operator")));
        given().contentType(ContentType.JSON).body(Map.of("user", "test-viewer", "password", "test-viewer-password"))
                .post("/dashboard/session").then().statusCode(200).body("roles", equalTo(List.of("viewer")));
        given().contentType(ContentType.JSON).body(Map.of("user", "test-operator", "password", "wrong"))
                .post("/dashboard/session").then().statusCode(401)
                .contentType(containsString("application/problem+json"))
                .header("WWW-Authenticate", nullValue())
                .body("detail", equalTo("unknown user or wrong password"));
    }

    @Test
    void theMonitorStreamNeedsAUser() {
        given().get("/dashboard/plans/some-plan/monitor").then().statusCode(401);
    }

    @Test
    void theMonitorStreamGivesThePlansRecentLagThenLiveLagAndDriftAndNothingOfOtherPlans() throws Exception {
        String planId = "dashboard-" + UUID.randomUUID();
        String otherPlan = "dashboard-other-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            LagSample before = lag(planId, 42);
            send(producer, Topics.REPLICATION_LAG, before);
            send(producer, Topics.REPLICATION_LAG, lag(otherPlan, 7));

            List<String> lines = new CopyOnWriteArrayList<>();
            HttpResponse<Stream<String>> response = follow("/dashboard/plans/" + planId + "/monitor",
                    "test-viewer:test-viewer-password", lines);
            try (Stream<String> body = response.body()) {
                try {
                    await().atMost(TIMEOUT).until(() -> lines.stream().anyMatch(line -> line.contains(before.eventId())));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("the plan's recent lag sample never reached the stream; it carried: " + lines, e);
                }

                LagSample live = lag(planId, 9);
                DriftReport drift = DriftReport.ofRow(planId, "shop.orders", DriftKind.MISSING, Map.of("id", 17),
                        Instant.now(), Clock.systemUTC());
                send(producer, Topics.REPLICATION_LAG, live);
                send(producer, Topics.REPLICATION_DRIFT, drift);

                await().atMost(TIMEOUT).until(() -> lines.stream().anyMatch(line -> line.contains(live.eventId()))
                        && lines.stream().anyMatch(line -> line.contains(drift.eventId())));
                assertThat(String.join("\n", lines))
                        .contains("event:ready")
                        .contains("event:lag\ndata:" + Json.toJson(before))
                        .contains("event:drift\ndata:" + Json.toJson(drift))
                        .doesNotContain(otherPlan);
                assertThat(lines.indexOf("data:" + Json.toJson(before)))
                        .isLessThan(lines.indexOf("data:" + Json.toJson(live)));
            }
        }
    }

    @Test
    void anApplicationsStreamGivesItsRecentEventsThenLiveOnesWithTheirIdsAndNothingOfOtherApplications() throws Exception {
        String application = "orders-" + UUID.randomUUID();
        given().get("/applications/" + application + "/events").then().statusCode(401);
        ApplicationEvent.Address a = new ApplicationEvent.Address("127.0.0.2", 3306);
        ApplicationEvent.Address b = new ApplicationEvent.Address("db-b.example", 3307);
        try (KafkaProducer<String, String> producer = producer()) {
            ApplicationEvent fence = ApplicationEvent.of("plan-1", ApplicationEventKind.FENCE_STARTED, application, 7, a, b,
                    Clock.systemUTC());
            announce(producer, fence);
            announce(producer, ApplicationEvent.of("plan-1", ApplicationEventKind.FENCE_STARTED, "other-" + application, 7, a,
                    b, Clock.systemUTC()));

            List<String> lines = new CopyOnWriteArrayList<>();
            HttpResponse<Stream<String>> response = follow("/applications/" + application + "/events",
                    "test-application:test-application-password", lines);
            try (Stream<String> body = response.body()) {
                await().atMost(TIMEOUT).until(() -> lines.contains("data:" + Json.toJson(fence)));
                ApplicationEvent writable = ApplicationEvent.of("plan-1", ApplicationEventKind.MASTER_WRITABLE, application, 7,
                        a, b, Clock.systemUTC());
                announce(producer, writable);

                await().atMost(TIMEOUT).until(() -> lines.contains("data:" + Json.toJson(writable)));
                assertThat(String.join("\n", lines))
                        .contains("event:ready")
                        .contains("id:" + fence.eventId() + "\nevent:application-event\ndata:" + Json.toJson(fence))
                        .doesNotContain("other-" + application);
                assertThat(lines.indexOf("data:" + Json.toJson(fence))).isLessThan(lines.indexOf("data:" + Json.toJson(writable)));
            }
        }
    }

    /** Opens {@code path}'s event stream as {@code userAndPassword}; a daemon thread adds its lines to {@code lines}. */
    private HttpResponse<Stream<String>> follow(String path, String userAndPassword, List<String> lines) throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve(path))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        userAndPassword.getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return response;
    }

    private static void announce(KafkaProducer<String, String> producer, ApplicationEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.APPLICATIONS, event.application(), Json.toJson(event))).get();
    }

    private static LagSample lag(String planId, long lagMillis) {
        return LagSample.of(planId, lagMillis, false, "0-1-5", "0-1-5", 0, 0, LagSample.UNKNOWN, Instant.now(),
                Clock.systemUTC());
    }

    private static void send(KafkaProducer<String, String> producer, String topic, HandoffEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topic, event.planId(), Json.toJson(event))).get();
    }

    private KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }
}
