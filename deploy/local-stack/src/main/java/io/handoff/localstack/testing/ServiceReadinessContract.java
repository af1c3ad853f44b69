package io.handoff.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.common.json.Json;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.kafka.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What every handoff service promises about health and metrics, run against the service started by
 * the test (a {@code @QuarkusTest} with {@link LocalStackTestResource}) and the JVM's shared local stack.
 * A service's test class extends this and says where the service listens and which clusters it uses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ServiceReadinessContract {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Root URI of the running service, e.g. from {@code @TestHTTPResource("/")}. */
    protected abstract URI serviceUri();

    /** The clusters the service is configured for (empty when it uses no database). */
    protected abstract Set<String> clusters();

    @Test
    @Order(1)
    void readyWhenKafkaAndItsDatabasesAnswer() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response ready = get("/q/health/ready");
            assertThat(ready.status()).as(ready.body().toString()).isEqualTo(200);
            assertThat(ready.body().path("status").asText()).isEqualTo("UP");
            JsonNode kafka = check(ready.body(), "kafka");
            assertThat(kafka.path("status").asText()).isEqualTo("UP");
            JsonNode databases = check(ready.body(), "databases");
            assertThat(databases.path("status").asText()).isEqualTo("UP");
            assertThat(fieldNames(databases.path("data"))).isEqualTo(clusters());
        });
    }

    @Test
    @Order(2)
    void servesPrometheusMetrics() throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(serviceUri().resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    @Test
    @Order(3)
    void healthNeverShowsAPassword() throws Exception {
        String body = get("/q/health").body().toString();
        SharedLocalStack.get().accounts().all().forEach(account -> assertThat(body).doesNotContain(account.password()));
    }

    @Test
    @Order(100)
    void notReadyWhileKafkaIsStoppedAndSaysWhy() {
        KafkaBroker broker = SharedLocalStack.get().kafka();
        broker.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Response ready = get("/q/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.body().path("status").asText()).isEqualTo("DOWN");
                JsonNode kafka = check(ready.body(), "kafka");
                assertThat(kafka.path("status").asText()).isEqualTo("DOWN");
                assertThat(kafka.path("data").path("reason").asText()).contains("no answer to a metadata request");
                assertThat(kafka.path("data").path("bootstrap.servers").asText()).isEqualTo(broker.bootstrapServers());
            });
        } finally {
            broker.start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("/q/health/ready").status()).isEqualTo(200));
    }

    private Response get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(serviceUri().resolve(path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), Json.mapper().readTree(response.body()));
    }

    private static JsonNode check(JsonNode health, String name) {
        return StreamSupport.stream(health.path("checks").spliterator(), false)
                .filter(check -> name.equals(check.path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no health check named " + name + " in " + health));
    }

    private static Set<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
                .collect(Collectors.toSet());
    }

    private record Response(int status, JsonNode body) {
    }
}
