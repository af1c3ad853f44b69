package io.handoff.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.cutover.support.ClientProgramsTestResource;
import io.handoff.cutover.support.Servers;
import io.handoff.localstack.ClusterRegistration;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.Plan;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.testing.StepCommandBus;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link ParallelSeedContract} from MariaDB to MariaDB (the default stack), and a source account that cannot give a
 * consistent snapshot (no RELOAD: the stack's application account, registered as cluster {@value #SOURCE_AS_APP}).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(ClientProgramsTestResource.class)
@QuarkusTestResource(value = ParallelSeedIT.SourceAsApplication.class, restrictToAnnotatedClass = true)
class ParallelSeedIT extends ParallelSeedContract {
    static final String SOURCE_AS_APP = "source-as-app";
    private final Servers servers = new Servers(stack);
    private final Plan plan = new Plan();

    /** Registers the source server as {@value #SOURCE_AS_APP}, administered by the application's account. */
    public static final class SourceAsApplication implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            LocalStack stack = SharedLocalStack.get();
            return ClusterRegistration.of(SOURCE_AS_APP, stack.source(), "mariadb", stack.accounts().app(), stack);
        }

        @Override
        public void stop() {
            // nothing to stop
        }
    }

    @Test
    void aSourceAccountWithoutReloadIsRefusedBeforeTheTargetIsChanged() throws Exception {
        String schema = "pseed_refused_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        servers.admin(servers.a(), "CREATE DATABASE " + schema, "CREATE TABLE " + schema + ".t (id INT PRIMARY KEY)",
                "INSERT INTO " + schema + ".t VALUES (1)");
        try (StepCommandBus bus = new StepCommandBus(stack.kafka().bootstrapServers())) {
            StepEvent refused = bus.run(plan.command(StepType.SEED, Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER,
                    SOURCE_AS_APP, StepParams.SEED_METHOD, "parallel", StepParams.SCHEMAS, List.of(schema))));

            assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
            assertThat(refused.failure().retryable()).isFalse();
            assertThat(refused.failure().reason()).contains("opening a consistent snapshot of " + SOURCE_AS_APP).contains("RELOAD")
                    .contains("nothing was changed on target");
            assertThat(refused.failure().recoverableState()).endsWith("; nothing was changed");
            assertThat(servers.column(servers.b(), "SHOW DATABASES LIKE '" + schema + "'")).as("nothing created on the target")
                    .isEmpty();
        } finally {
            servers.admin(servers.a(), "DROP DATABASE IF EXISTS " + schema);
        }
    }

    @Override
    protected void standalone() throws SQLException {
        servers.standalone();
    }

    /** MariaDB takes its bulk command, whatever its settings. */
    @Override
    protected void assertRowsWrittenTheFastestWay() {
    }

    @Override
    protected void assertNoGtidOfTheTargetsOwn(String position) throws SQLException {
        assertThat(position).isEqualTo(servers.binlogPosition(servers.a())).isNotEmpty();
        assertThat(servers.binlogPosition(servers.b())).as("the load wrote nothing to the target's binlog").isEmpty();
    }
}
