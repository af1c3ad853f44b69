package io.handoff.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.cutover.support.ClientProgramsTestResource;
import io.handoff.cutover.support.Servers;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** {@link ParallelSeedContract} from Oracle MySQL to Oracle MySQL (the failsafe execution {@code mysql-stack}). */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(ClientProgramsTestResource.class)
@EnabledIfSystemProperty(named = "handoff.stack.source-flavor", matches = "mysql")
@EnabledIfSystemProperty(named = "handoff.stack.target-flavor", matches = "mysql")
class ParallelSeedMySqlIT extends ParallelSeedContract {

    @Override
    protected void standalone() throws SQLException {
        new Servers(stack).standaloneMySql();
    }

    @Override
    protected void assertNoGtidOfTheTargetsOwn(String position) throws SQLException {
        String targetUuid = value(stack.target(), "SELECT @@GLOBAL.server_uuid");
        assertThat(position).isNotEmpty().doesNotContain(targetUuid);
        assertThat(value(stack.target(), "SELECT @@GLOBAL.gtid_executed").replaceAll("\\s+", "")).as("the target's gtid_executed"
                + " is the snapshot's set, nothing of its own").isEqualTo(position);
    }
}
