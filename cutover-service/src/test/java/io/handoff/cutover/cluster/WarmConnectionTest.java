package io.handoff.cutover.cluster;

import static io.handoff.cutover.support.Servers.A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.event.StepType;
import io.handoff.common.sql.SqlStatement;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class WarmConnectionTest extends ReplicatedPairFixture {
    private static final SqlStatement ONE = SqlStatement.of("SELECT 1");

    @Inject
    ClusterConnections connections;
    @Inject
    ClusterRegistry registry;

    @Test
    void stepAfterTheServiceConnectionWasKilledReopensItAndSucceeds() throws Exception {
        succeeds(StepType.FLUSH_TABLES, on(A));
        assertThat(servers.killSessionsOf(servers.a(), "admin")).as("the service's warm connection").isPositive();

        succeeds(StepType.READ_ONLY, on(A));

        assertThat(servers.readOnly(servers.a())).isTrue();
    }

    @Test
    void insideAFenceALeaseAfterAFailedStatementValidatesAndReopensTheConnection() throws Exception {
        connections.trustingCleanLeases(() -> {
            try {
                try (ClusterSession first = connections.open(registry.require(A))) {
                    assertThat(first.queryNumber(ONE)).isEqualTo(1L);
                }
                assertThat(servers.killSessionsOf(servers.a(), "admin")).as("the service's warm connection").isPositive();
                try (ClusterSession trusted = connections.open(registry.require(A))) {
                    assertThatThrownBy(() -> trusted.queryNumber(ONE)).as("not validated: it ended cleanly just before")
                            .isInstanceOf(SQLException.class);
                }
                try (ClusterSession next = connections.open(registry.require(A))) {
                    assertThat(next.queryNumber(ONE)).as("validated after the failure, and reopened").isEqualTo(1L);
                }
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
