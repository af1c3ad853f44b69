package io.handoff.kit.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import io.handoff.kit.config.KafkaClientSettings;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Kafka cluster answers a metadata request (describeCluster) within a short
 * timeout; otherwise DOWN with the reason. One admin client is kept open (warm) between probes.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final KafkaClientSettings kafka;
    private Admin admin;

    public KafkaReadinessCheck(KafkaClientSettings kafka) {
        this.kafka = kafka;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka")
                .withData("bootstrap.servers", kafka.bootstrapServers())
                .withData("principal", kafka.principal().orElse("none"));
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return nodes > 0 ? response.up().withData("nodes", nodes).build()
                    : response.down().withData("reason", "the cluster reported no broker").build();
        } catch (ExecutionException e) {
            return down(response, e.getCause());
        } catch (TimeoutException e) {
            return down(response, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(response, e);
        }
    }

    private HealthCheckResponse down(HealthCheckResponseBuilder response, Throwable cause) {
        return response.down()
                .withData("reason", "no answer to a metadata request within " + TIMEOUT.toMillis() + " ms: "
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()))
                .build();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafka.clientProperties(Map.of(
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                    AdminClientConfig.CLIENT_ID_CONFIG, "handoff-readiness")));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
