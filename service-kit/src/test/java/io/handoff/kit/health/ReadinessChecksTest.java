package io.handoff.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.kit.config.KafkaClientSettings;
import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.Secret;
import io.handoff.common.cluster.ServerFlavor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ReadinessChecksTest {

    @Test
    void databaseCheckIsDownNamingTheUnreachableClusterWithoutItsPassword() throws IOException {
        int closedPort = closedPort();
        ClusterSpec target = new ClusterSpec("target", "127.0.0.1", closedPort, ServerFlavor.MARIADB, "admin",
                Secret.of("s3cret-never-shown"));

        HealthCheckResponse response = new DatabaseReadinessCheck(ClusterRegistry.of(target)).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(data -> {
            assertThat(data).containsKey("target");
            assertThat(data.get("target").toString()).startsWith("DOWN 127.0.0.1:" + closedPort);
            assertThat(data.toString()).doesNotContain("s3cret-never-shown");
        });
    }

    @Test
    void databaseCheckWithoutClustersIsUp() {
        HealthCheckResponse response = new DatabaseReadinessCheck(ClusterRegistry.of()).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void kafkaCheckIsDownWithTheReasonWhenNoBrokerListens() throws IOException {
        KafkaReadinessCheck check = new KafkaReadinessCheck(new KafkaClientSettings("127.0.0.1:" + closedPort(), java.util.Map.of()));
        try {
            HealthCheckResponse response = check.call();

            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData().orElseThrow().get("reason").toString())
                    .startsWith("no answer to a metadata request within 3000 ms");
        } finally {
            check.close();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
