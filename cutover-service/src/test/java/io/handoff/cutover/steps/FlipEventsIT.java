package io.handoff.cutover.steps;

import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@link FlipEventsContract} from MariaDB to MariaDB (the failsafe execution {@code default}), whose {@code read_only}
 * does not hold a definer with SUPER.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class FlipEventsIT extends FlipEventsContract {
}
