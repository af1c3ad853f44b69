package io.handoff.cutover.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.Servers;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.testing.LocalStackExtension;
import io.handoff.localstack.testing.StepCommandBus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4, idempotency across restarts (invariants 4 and 6): the packaged cutover-service, killed with
 * SIGKILL after it completed a command and started again, rebuilds what it ran from
 * {@code handoff.step-events}: the same command delivered again is answered with the same report and
 * not run again, and the fencing epochs it had applied still refuse older commands.
 */
@ExtendWith(LocalStackExtension.class)
class RestartedServiceIT {

    @Test
    void aRestartedServiceAnswersACompletedCommandWithTheSameFactsWithoutRunningItAgain(LocalStack stack) throws Exception {
        JdbcDriver.register();
        Servers servers = new Servers(stack);
        DatabaseServer target = servers.b();
        boolean readOnlyBefore = servers.readOnly(target);
        String alias = StaleEpochIT.alias();
        try (PackagedCutoverService service = new PackagedCutoverService(stack, Map.of(alias, "target"));
                StepCommandBus bus = new StepCommandBus(stack.kafka().bootstrapServers())) {
            servers.admin(target, "SET GLOBAL read_only=OFF");
            service.start();
            StepCommand readOnly = StaleEpochIT.command(StepType.READ_ONLY, alias, 3);
            StepEvent first = bus.run(readOnly);
            assertThat(first.kind()).as("%s", first.failure()).isEqualTo(StepEventKind.SUCCEEDED);
            assertThat(first.facts()).containsEntry(StepParams.FACT_ALREADY_APPLIED, false);
            assertThat(servers.readOnly(target)).isTrue();

            service.kill();
            // Had the command run again, it would set read_only again and report alreadyApplied=false anew.
            servers.admin(target, "SET GLOBAL read_only=OFF");
            service.start();
            bus.send(readOnly);
            List<StepEvent> outcomes = bus.outcomes(readOnly.commandId(), 2);

            assertThat(outcomes.get(1)).as("the report after the restart").isEqualTo(first);
            assertThat(bus.eventsOf(readOnly.commandId())).filteredOn(event -> event.kind() == StepEventKind.STARTED)
                    .as("started once, before the restart").hasSize(1);
            assertThat(service.log()).contains("already ran here (command " + readOnly.commandId() + ")");
            assertThat(servers.readOnly(target)).as("@@read_only: the command did not run again").isFalse();

            StepCommand stale = StaleEpochIT.command(StepType.READ_ONLY, alias, 2);
            StepEvent refused = bus.run(stale);
            assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
            assertThat(refused.failure().reason()).isEqualTo("stale fencing epoch 2 < applied 3 for cluster " + alias
                    + "; nothing was changed");
            assertThat(servers.readOnly(target)).isFalse();
        } finally {
            servers.admin(target, "SET GLOBAL read_only=" + (readOnlyBefore ? "ON" : "OFF"));
        }
    }
}
