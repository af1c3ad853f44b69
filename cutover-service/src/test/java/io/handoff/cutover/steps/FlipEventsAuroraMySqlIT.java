package io.handoff.cutover.steps;

import static io.handoff.cutover.support.StepEventAssertions.fact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.handoff.localstack.db.DatabaseServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link FlipEventsContract} from Oracle MySQL to the Aurora-like MySQL (the failsafe execution {@code aurora-mysql-stack}),
 * whose cluster account is Aurora MySQL 3's master user: no SUPER, {@code read_only} through
 * {@code mysql.rds_set_read_only} ({@code auto}), every {@code ALTER EVENT} binlogged. The event's definer is an
 * application account, as on Aurora, where the master user names another definer by SET_USER_ID (here
 * SET_ANY_DEFINER) but may not name one that has SYSTEM_USER, which it lacks (MySQL 8.0.16+).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@EnabledIfSystemProperty(named = "handoff.stack.target-flavor", matches = "aurora-mysql")
class FlipEventsAuroraMySqlIT extends FlipEventsContract {

    static Stream<String> readOnlyStrategies() {
        return Stream.of("auto", "account-lock");
    }

    @Override
    protected String fenceStrategy() {
        return "auto";
    }

    @Override
    protected String eventDefiner() {
        return "'app'@'%'";
    }

    /** The application account runs the event: it needs EVENT on the schema, on each server (not replicated). */
    @Override
    protected void beforeTheEvent() {
        eventPrivilege("GRANT EVENT ON `" + schema + "`.* TO 'app'@'%'");
    }

    @Override
    protected void afterTheEvent() {
        eventPrivilege("REVOKE IF EXISTS EVENT ON `" + schema + "`.* FROM 'app'@'%'");
    }

    private void eventPrivilege(String statement) {
        for (DatabaseServer server : List.of(servers.a(), servers.b())) {
            server.runAsRoot("SET sql_log_bin=0;\n" + statement + ";\nSET sql_log_bin=1;\n");
        }
    }

    /**
     * The stack's administrative account has SYSTEM_USER: the master user may not name it as a definer, so the new
     * master's WRITABLE cannot enable its event. The flip still succeeds (B is the one writable master), says so, and the
     * event stays off on both servers.
     */
    @Test
    void anEventTheMasterUserMayNotEnableStaysOffAndWritableSaysSo() throws Exception {
        servers.admin(servers.a(), "ALTER DEFINER = CURRENT_USER EVENT " + schema + ".tick ENABLE");
        String definer = definer(servers.a());
        await().atMost(Duration.ofSeconds(20)).until(() -> definer.equals(definer(servers.b())));

        assertThat(fact(precheck(), StepParams.FACT_FINDINGS)).as("PRECHECK says so first").asList()
                .anySatisfy(finding -> assertThat(String.valueOf(finding)).contains("WARNING").contains(schema + ".tick")
                        .contains("SYSTEM_USER").contains("stay off on the new master"));
        Map<StepType, StepEvent> flip = flip("auto");

        assertThat(status(servers.b())).isEqualTo("DISABLED ON REPLICA");
        assertThat(status(servers.a())).isEqualTo("DISABLED ON REPLICA");
        assertThat(ticksBy(servers.b(), servers.b())).as("ticks B wrote").isZero();
        assertThat((String) fact(flip.get(StepType.WRITABLE), "eventsWarning")).contains(schema + ".tick")
                .contains("SYSTEM_USER");
    }
}
