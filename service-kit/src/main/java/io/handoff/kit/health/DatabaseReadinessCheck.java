package io.handoff.kit.health;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.cluster.JdbcLogin;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while every configured cluster accepts a connection and answers {@code SELECT 1}. The
 * data names each cluster with its address and, when down, the reason; never a password. A service
 * without clusters (planner, DNS) is trivially ready on this check.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {
    private static final int TIMEOUT_MS = 2000;

    private final ClusterRegistry registry;

    public DatabaseReadinessCheck(ClusterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("databases").up();
        for (ClusterSpec cluster : registry.clusters().values()) {
            String address = cluster.host() + ":" + cluster.port();
            try {
                ping(cluster);
                response.withData(cluster.name(), "UP " + address);
            } catch (SQLException e) {
                response.down().withData(cluster.name(), "DOWN " + address + ": " + e.getMessage());
            }
        }
        return response.build();
    }

    private static void ping(ClusterSpec cluster) throws SQLException {
        Duration timeout = Duration.ofMillis(TIMEOUT_MS);
        try (Connection connection = JdbcLogin.admin(cluster, timeout, timeout);
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_MS / 1000);
            statement.execute("SELECT 1");
        }
    }
}
