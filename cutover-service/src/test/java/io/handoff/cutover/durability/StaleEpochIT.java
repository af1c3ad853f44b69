package io.handoff.cutover.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.Failure;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.Servers;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.testing.LocalStackExtension;
import io.handoff.localstack.testing.StepCommandBus;
import io.handoff.localstack.db.DatabaseServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Invariant 5 (issue 4, fencing): a command whose fencing epoch is older than one already applied to
 * a cluster it touches is refused with a terminal FAILED event naming both epochs, and changes nothing
 * on the server. Runs the packaged service against the real broker and MariaDB servers; each test
 * fences a cluster alias of its own (an extra registry name for {@code target}), so the epochs it
 * raises stay away from other tests.
 */
@ExtendWith(LocalStackExtension.class)
class StaleEpochIT {
    private static PackagedCutoverService service;
    private static StepCommandBus bus;
    private static Servers servers;
    private static boolean readOnlyBefore;
    private static final String READ_ONLY_ALIAS = alias();
    private static final String WRITABLE_ALIAS = alias();
    private static final String FIRST_NAME = alias();
    private static final String SECOND_NAME = alias();
    /**
     * Epochs of this class's commands: above those of the tests before it, which share the target server (plans of
     * the test support take the time as their epoch), and each test's above the one before.
     */
    private static final AtomicLong EPOCHS = new AtomicLong(System.currentTimeMillis());

    @BeforeAll
    static void startService(LocalStack stack) throws Exception {
        JdbcDriver.register();
        servers = new Servers(stack);
        readOnlyBefore = servers.readOnly(servers.b());
        service = new PackagedCutoverService(stack, Map.of(READ_ONLY_ALIAS, "target", WRITABLE_ALIAS, "target",
                FIRST_NAME, "target", SECOND_NAME, "target"));
        service.start();
        bus = new StepCommandBus(stack.kafka().bootstrapServers());
    }

    @AfterAll
    static void stopService() throws Exception {
        if (bus != null) {
            bus.close();
        }
        if (service != null) {
            service.close();
        }
        servers.admin(servers.b(), "SET GLOBAL read_only=" + (readOnlyBefore ? "ON" : "OFF"));
    }

    @Test
    void staleWritableAfterANewerReadOnlyIsRefusedAndTheServerStaysReadOnly() throws Exception {
        DatabaseServer target = servers.b();
        servers.admin(target, "SET GLOBAL read_only=OFF");
        long newer = EPOCHS.addAndGet(10);
        assertThat(succeeds(command(StepType.READ_ONLY, WRITABLE_ALIAS, newer)).facts())
                .containsEntry(StepParams.FACT_ALREADY_APPLIED, false);
        assertThat(servers.readOnly(target)).isTrue();

        StepCommand stale = command(StepType.WRITABLE, WRITABLE_ALIAS, newer - 1);
        StepEvent refused = bus.run(stale);

        assertRefused(stale, refused, "stale fencing epoch " + (newer - 1) + " < applied " + newer + " for cluster "
                + WRITABLE_ALIAS + "; nothing was changed");
        assertThat(servers.readOnly(target)).as("@@read_only after the refused WRITABLE").isTrue();
    }

    @Test
    void staleReadOnlyAfterANewerEpochWasAppliedIsRefusedAndTheServerStaysWritable() throws Exception {
        DatabaseServer target = servers.b();
        servers.admin(target, "SET GLOBAL read_only=OFF");
        long newer = EPOCHS.addAndGet(10);
        succeeds(command(StepType.FLUSH_TABLES, READ_ONLY_ALIAS, newer));
        assertThat(servers.readOnly(target)).isFalse();

        StepCommand stale = command(StepType.READ_ONLY, READ_ONLY_ALIAS, newer - 1);
        StepEvent refused = bus.run(stale);

        assertRefused(stale, refused, "stale fencing epoch " + (newer - 1) + " < applied " + newer + " for cluster "
                + READ_ONLY_ALIAS + "; nothing was changed");
        assertThat(servers.readOnly(target)).as("@@read_only after the refused READ_ONLY").isFalse();
        // The refusal is final: the same command delivered again is refused again with the same report.
        bus.send(stale);
        assertThat(bus.outcomes(stale.commandId(), 2).get(1)).isEqualTo(refused);
        assertThat(servers.readOnly(target)).isFalse();
    }

    /**
     * Issue 16, point 4: the epoch is kept for the server, not the registry name, and survives a restart. Before,
     * a second name of the same server, never used, had no epoch, and the stale WRITABLE made the server writable.
     */
    @Test
    void staleWritableThroughAnotherNameOfTheSameServerIsRefusedEvenAfterARestart() throws Exception {
        DatabaseServer target = servers.b();
        servers.admin(target, "SET GLOBAL read_only=OFF");
        long newer = EPOCHS.addAndGet(10);
        succeeds(command(StepType.READ_ONLY, FIRST_NAME, newer));
        assertThat(servers.readOnly(target)).isTrue();
        service.kill();
        service.start();

        StepCommand stale = command(StepType.WRITABLE, SECOND_NAME, newer - 1);
        StepEvent refused = bus.run(stale);

        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure().retryable()).isFalse();
        assertThat(refused.failure().reason()).startsWith("stale fencing epoch " + (newer - 1) + " < applied " + newer
                + " for server mariadb:").endsWith("; nothing was changed");
        assertThat(bus.eventsOf(stale.commandId())).noneMatch(event -> event.kind() == StepEventKind.STARTED);
        assertThat(servers.readOnly(target)).as("@@read_only after the refused WRITABLE").isTrue();
    }

    private static void assertRefused(StepCommand stale, StepEvent refused, String reason) {
        assertThat(refused.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(refused.failure()).isEqualTo(Failure.terminal(reason, "nothing was changed"));
        assertThat(bus.eventsOf(stale.commandId())).as("a refused command never starts")
                .noneMatch(event -> event.kind() == StepEventKind.STARTED);
    }

    private static StepEvent succeeds(StepCommand command) {
        StepEvent outcome = bus.run(command);
        assertThat(outcome.kind()).as("%s: %s", command.stepId(), outcome.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        return outcome;
    }

    static StepCommand command(StepType type, String cluster, long epoch) {
        return StepCommand.issue("plan-" + UUID.randomUUID(), "1-" + type, type, Map.of(StepParams.CLUSTER, cluster), 1,
                Instant.now().plus(Duration.ofMinutes(10)), epoch, Clock.systemUTC());
    }

    static String alias() {
        return "fenced-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
