package io.handoff.cutover.steps;

import static io.handoff.cutover.support.Servers.A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class KillConnectionsTest extends ReplicatedPairFixture {
    @Test
    void killEndsApplicationSessionsButNeverAnExemptAccountNorTheReplicationStream() throws Exception {
        try (Connection app1 = servers.connect(servers.a(), servers.app());
                Connection app2 = servers.connect(servers.a(), servers.app());
                Connection auth = servers.connect(servers.a(), servers.auth())) {
            List<String> replicationStream = servers.binlogDumps();

            StepEvent kill = succeeds(StepType.KILL_CONNECTIONS,
                    Map.of(StepParams.CLUSTER, A, StepParams.EXEMPT_USERS, EXEMPT));

            assertThat((Integer) fact(kill, "killed")).isGreaterThanOrEqualTo(2);
            assertThat(fact(kill, "killedUsers")).asList().contains("app").doesNotContain("auth", "repl", "system user");
            for (Connection killed : new Connection[] {app1, app2}) {
                assertThatThrownBy(() -> selectOne(killed)).isInstanceOf(SQLException.class);
            }
            selectOne(auth);
            assertThat(servers.binlogDumps()).isEqualTo(replicationStream);
        }
        servers.insert(servers.a(), servers.auth(), table, 1, "auth");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(servers.ids(servers.b(), table, "auth")).containsExactly(1L);
            assertThat(servers.replicatesFrom(servers.b(), servers.a())).isTrue();
        });
    }

    private static void selectOne(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("SELECT 1");
        }
    }
}
