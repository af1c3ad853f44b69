package io.handoff.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.cutover.support.ClientProgramsTestResource;
import io.handoff.cutover.support.Servers;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** {@link ParallelSeedContract} from MariaDB to MariaDB (the default stack). */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(ClientProgramsTestResource.class)
@DisabledIfSystemProperty(named = "handoff.stack.source-flavor", matches = "mysql")
class ParallelSeedIT extends ParallelSeedContract {
    private final Servers servers = new Servers(stack);

    @Override
    protected void standalone() throws SQLException {
        servers.standalone();
    }

    @Override
    protected void assertNoGtidOfTheTargetsOwn(String position) throws SQLException {
        assertThat(position).isEqualTo(servers.binlogPosition(servers.a())).isNotEmpty();
        assertThat(servers.binlogPosition(servers.b())).as("the load wrote nothing to the target's binlog").isEmpty();
    }
}
