package io.handoff.cutover.steps;

import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** {@link FlipEventsContract} from Oracle MySQL to Oracle MySQL (the failsafe execution {@code mysql-stack}). */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@EnabledIfSystemProperty(named = "handoff.stack.source-flavor", matches = "mysql")
@EnabledIfSystemProperty(named = "handoff.stack.target-flavor", matches = "mysql")
class FlipEventsMySqlIT extends FlipEventsContract {
}
