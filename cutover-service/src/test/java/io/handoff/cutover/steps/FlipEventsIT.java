package io.handoff.cutover.steps;

import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** {@link FlipEventsContract} from MariaDB to MariaDB, whose {@code read_only} does not hold a definer with SUPER. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@DisabledIfSystemProperty(named = "handoff.stack.source-flavor", matches = "mysql")
class FlipEventsIT extends FlipEventsContract {
}
