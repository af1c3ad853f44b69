package io.handoff.cutover.steps;

import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link FlipEventsContract} from Oracle MySQL to the Aurora-like MySQL (the failsafe execution {@code aurora-mysql-stack}),
 * whose cluster account is Aurora MySQL 3's master user: no SUPER, {@code read_only} through
 * {@code mysql.rds_set_read_only} ({@code auto}), every {@code ALTER EVENT} binlogged, another account named as the
 * event's definer by SET_ANY_DEFINER.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@EnabledIfSystemProperty(named = "handoff.stack.target-flavor", matches = "aurora-mysql")
class FlipEventsAuroraMySqlIT extends FlipEventsContract {

    static Stream<String> readOnlyStrategies() {
        return Stream.of("auto", "account-lock");
    }
}
