package io.handoff.cutover.steps;

import static io.handoff.cutover.support.StepEventAssertions.fact;
import static io.handoff.cutover.support.StepEventAssertions.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.JdbcLogin;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.Plan;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.localstack.testing.StepCommandBus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * KILL_CONNECTIONS on real MySQL (issue 17): the administrative account's sessions that handoff's services opened
 * (the monitor's, through {@link JdbcLogin}) survive, told by their {@code program_name} connection attribute; the same
 * account's other sessions (an operator's client) and every application session end.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@EnabledIfSystemProperty(named = "handoff.stack.source-flavor", matches = "mysql")
class KillSparesHandoffSessionsMySqlIT {
    private static final String A = "source";

    private final LocalStack stack = SharedLocalStack.get();
    private final Plan plan = new Plan();

    @Inject
    ClusterRegistry clusters;

    @Test
    void handoffsOwnSessionsSurviveTheKillButTheAdministratorsOthersAndTheApplicationsDoNot() throws Exception {
        DatabaseServer source = stack.source();
        try (StepCommandBus bus = new StepCommandBus(stack.kafka().bootstrapServers());
                Connection monitorLike = JdbcLogin.admin(clusters.require(A), Duration.ofSeconds(5), null);
                Connection operator = source.connect(source.clusterAccount());
                Connection app = source.connect(stack.accounts().app())) {
            selectOne(monitorLike);

            StepEvent kill = succeeded(bus.run(plan.command(StepType.KILL_CONNECTIONS,
                    Map.of(StepParams.CLUSTER, A, StepParams.EXEMPT_USERS, List.of("auth")))));

            assertThat(fact(kill, "killedUsers")).asList().contains(stack.accounts().app().user(), source.clusterAccount().user());
            selectOne(monitorLike);
            assertThatThrownBy(() -> selectOne(operator)).as("an operator's session of the same account").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> selectOne(app)).isInstanceOf(SQLException.class);
        }
    }

    private static void selectOne(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("SELECT 1");
        }
    }
}
