package io.handoff.cutover.steps;

import static io.handoff.cutover.support.Servers.A;
import static io.handoff.cutover.support.Servers.B;
import static io.handoff.cutover.support.StepEventAssertions.fact;
import static io.handoff.cutover.support.StepEventAssertions.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
import io.handoff.common.topic.HandoffAcls;
import io.handoff.cutover.support.Plan;
import io.handoff.cutover.support.Servers;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.LocalReplication;
import io.handoff.localstack.testing.StepCommandBus;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A scheduled event moves with the master, and never writes on the old one after its fence: the old master's event
 * scheduler runs an enabled event as its definer, which neither {@code account-lock} (the definer is the administrative
 * account, never locked) nor MariaDB's {@code read_only} (the definer has SUPER) holds. Measured on the servers: the rows
 * the event writes, tagged with the {@code @@server_id} of the server that ran it, and each event's status and definer.
 * The flip is the planner's: READ_ONLY of the old master names the new one.
 */
abstract class FlipEventsContract {
    private static final List<String> EXEMPT = List.of("auth");

    protected final Servers servers = new Servers(SharedLocalStack.get());
    private final Plan plan = new Plan();
    private StepCommandBus bus;
    protected String schema;
    private final Map<DatabaseServer, String> schedulers = new HashMap<>();

    /** The definer of the test's event: the administrative account that creates it (the old master's fence spares it). */
    protected String eventDefiner() {
        return "CURRENT_USER";
    }

    /** What the servers need before the event is created there (the schema exists on both). */
    protected void beforeTheEvent() throws SQLException {
    }

    /** Undoes {@link #beforeTheEvent()}, once both servers stand alone and writable again. */
    protected void afterTheEvent() {
    }

    /** The read-only strategies the tests flip with; a subclass hides this with its own. */
    static Stream<String> readOnlyStrategies() {
        return Stream.of("global", "account-lock");
    }

    @BeforeEach
    void anEventTickingOnTheOldMaster() throws SQLException {
        schema = "ev_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        servers.admin(servers.a(), "CREATE DATABASE " + schema);
        LocalReplication replication = new LocalReplication(servers.a(), servers.b());
        replication.seedAndReplicate(List.of(schema));
        await().atMost(Duration.ofSeconds(20)).until(() -> replication.replicaStatus().startsWith("io=Yes sql=Yes"));
        for (DatabaseServer server : List.of(servers.a(), servers.b())) {
            schedulers.put(server, servers.value(server, "SELECT @@GLOBAL.event_scheduler"));
            servers.admin(server, "SET GLOBAL event_scheduler = ON");
        }
        beforeTheEvent();
        // Created on A, replicated to B, where it is kept off as on every replica.
        servers.admin(servers.a(), "CREATE TABLE " + schema + ".ticks (server_id INT NOT NULL, at DATETIME(6) NOT NULL,"
                + " PRIMARY KEY (server_id, at))",
                "CREATE DEFINER = " + eventDefiner() + " EVENT " + schema + ".tick ON SCHEDULE EVERY 1 SECOND DO INSERT INTO " + schema
                        + ".ticks VALUES (@@server_id, NOW(6))");
        await().atMost(Duration.ofSeconds(20)).until(() -> ticksBy(servers.a(), servers.a()) >= 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> ticksBy(servers.b(), servers.a()) >= 2);
        assertThat(status(servers.b())).isEqualTo("DISABLED ON REPLICA");
        bus = new StepCommandBus(SharedLocalStack.get().kafkaClientProperties(HandoffAcls.PLANNER));
    }

    @AfterEach
    void standAloneWithoutTheEvent() throws SQLException {
        if (bus != null) {
            bus.close();
        }
        new LocalReplication(servers.a(), servers.b()).standAlone();
        for (DatabaseServer server : List.of(servers.a(), servers.b())) {
            server.runAsRoot("SET sql_log_bin=0;\nDROP DATABASE IF EXISTS " + schema + ";\n"
                    + "ALTER USER IF EXISTS 'app'@'%' ACCOUNT UNLOCK;\nALTER USER IF EXISTS 'master'@'%' ACCOUNT UNLOCK;\n"
                    + "SET GLOBAL event_scheduler = " + schedulers.getOrDefault(server, "OFF") + ";\nSET sql_log_bin=1;\n");
        }
        afterTheEvent();
    }

    @ParameterizedTest
    @MethodSource("readOnlyStrategies")
    void theFlipStopsTheEventOnTheOldMasterBeforeItsFenceAndStartsItOnTheNewOne(String readOnly) throws Exception {
        String definer = definer(servers.a());
        Map<StepType, StepEvent> flip = flip(readOnly);

        // B runs it now, and A receives B's rows.
        await().atMost(Duration.ofSeconds(20)).until(() -> ticksBy(servers.b(), servers.b()) >= 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> ticksBy(servers.a(), servers.b()) >= 3);

        // A's own ticks stopped at the fence: every one of them reached B before B stopped replicating A.
        assertThat(ticksBy(servers.a(), servers.a())).as("ticks A wrote, on A").isEqualTo(ticksBy(servers.b(), servers.a()));
        assertThat(status(servers.a())).isEqualTo("DISABLED ON REPLICA");
        assertThat(status(servers.b())).isEqualTo("ENABLED");
        assertThat(List.of(definer(servers.a()), definer(servers.b()))).as("the event's definer on A and B")
                .containsOnly(definer);
        String event = schema + ".tick";
        assertThat(fact(flip.get(StepType.READ_ONLY), "eventsDisabled")).isEqualTo(List.of(event));
        assertThat(fact(flip.get(StepType.WRITABLE), "eventsEnabled")).isEqualTo(List.of(event));
    }

    /** A new master whose event scheduler is off takes the flip, enables the event, and says it will not run there. */
    @Test
    void anEventEnabledOnANewMasterWhoseSchedulerIsOffIsAWarningOfWritable() throws Exception {
        servers.admin(servers.b(), "SET GLOBAL event_scheduler = OFF");

        Map<StepType, StepEvent> flip = flip(fenceStrategy());

        assertThat(status(servers.b())).isEqualTo("ENABLED");
        assertThat(fact(flip.get(StepType.WRITABLE), "eventsEnabled")).isEqualTo(List.of(schema + ".tick"));
        assertThat((String) fact(flip.get(StepType.WRITABLE), "eventsWarning")).contains("event_scheduler is OFF")
                .contains(schema + ".tick");
        await("no tick written on B, its scheduler off").during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5))
                .until(() -> ticksBy(servers.b(), servers.b()) == 0);
    }

    @ParameterizedTest
    @MethodSource("readOnlyStrategies")
    void rollbackStopsTheEventOnTheNewMasterAndStartsItOnTheOldOneAgain(String readOnly) throws Exception {
        flip(readOnly);
        await().atMost(Duration.ofSeconds(20)).until(() -> ticksBy(servers.b(), servers.b()) >= 1);

        Map<String, Object> rollback = params(A, readOnly);
        rollback.put(StepParams.TARGET_CLUSTER, B);
        StepEvent rolledBack = succeeded(bus.run(plan.command(StepType.ROLLBACK, rollback)));

        long byBOnB = ticksBy(servers.b(), servers.b());
        long byAOnA = ticksBy(servers.a(), servers.a());
        await().atMost(Duration.ofSeconds(20)).until(() -> ticksBy(servers.b(), servers.a()) >= byAOnA + 2);
        assertThat(ticksBy(servers.b(), servers.b())).as("ticks B wrote after the rollback").isEqualTo(byBOnB);
        assertThat(status(servers.a())).isEqualTo("ENABLED");
        assertThat(status(servers.b())).isEqualTo("DISABLED ON REPLICA");
        assertThat(fact(rolledBack, StepParams.FACT_ACTIONS)).asList()
                .contains("set events [" + schema + ".tick] DISABLE ON SLAVE on " + B, "enabled events [" + schema + ".tick] on " + A);
    }

    /**
     * The fence as one FENCE command, as the planner sends it: WRITABLE(B) is prepared before A's READ_ONLY runs (its read
     * of B's kept-off events done then) and enables them inside the window, after B takes writes.
     */
    @Test
    void aPreparedFenceMovesTheEventToo() throws Exception {
        String readOnly = fenceStrategy();
        Map<String, Object> readOnlyA = params(A, readOnly);
        readOnlyA.put(StepParams.TARGET_CLUSTER, B);
        Map<String, Object> waitSync = params(B, readOnly);
        waitSync.put(StepParams.SOURCE_CLUSTER, A);
        waitSync.put(StepParams.TIMEOUT_MS, 30_000);
        List<FenceSteps.Step> steps = List.of(
                step("1-READ_ONLY", StepType.READ_ONLY, readOnlyA),
                step("2-READ_ONLY", StepType.READ_ONLY, params(B, readOnly)),
                step("3-KILL_CONNECTIONS", StepType.KILL_CONNECTIONS, params(A, readOnly)),
                step("4-WAIT_SYNC", StepType.WAIT_SYNC, waitSync),
                step("5-STOP_REPLICA", StepType.STOP_REPLICA, params(B, readOnly)),
                step("6-CAPTURE_POSITION", StepType.CAPTURE_POSITION, params(B, readOnly)),
                step("7-WRITABLE", StepType.WRITABLE, params(B, readOnly)));
        bus.send(StepCommand.issue(plan.id(), "1-READ_ONLY", StepType.FENCE,
                StepContracts.params(new StepParameters.Fence(steps)), 1, Instant.now().plus(Duration.ofMinutes(10)),
                plan.epoch(), Clock.systemUTC()));
        StepEvent fenced = succeeded(bus.outcome(StepCommand.commandIdFor(plan.id(), "1-READ_ONLY", 1)));
        long fencedTicks = ticks(servers.a());
        StepEvent writable = succeeded(bus.outcome(StepCommand.commandIdFor(plan.id(), "7-WRITABLE", 1)));

        await().atMost(Duration.ofSeconds(20)).until(() -> ticksBy(servers.b(), servers.b()) >= 2);
        assertThat(ticks(servers.a())).as("ticks on A after its fence").isEqualTo(fencedTicks);
        assertThat(ticksBy(servers.a(), servers.a())).as("ticks A wrote, on A").isEqualTo(ticksBy(servers.b(), servers.a()));
        assertThat(status(servers.a())).isEqualTo("DISABLED ON REPLICA");
        assertThat(status(servers.b())).isEqualTo("ENABLED");
        assertThat(fact(fenced, "eventsDisabled")).isEqualTo(List.of(schema + ".tick"));
        assertThat(fact(writable, "eventsEnabled")).isEqualTo(List.of(schema + ".tick"));
    }

    /** The read-only strategy of {@link #aPreparedFenceMovesTheEventToo}. */
    protected String fenceStrategy() {
        return "global";
    }

    private static FenceSteps.Step step(String stepId, StepType type, Map<String, Object> params) {
        return new FenceSteps.Step(stepId, StepContracts.decode(type, params), List.of(), 1);
    }

    /** The flip as the planner sends it, with {@code readOnly}; the outcomes of READ_ONLY(A) and WRITABLE(B) by type. */
    protected Map<StepType, StepEvent> flip(String readOnly) throws SQLException {
        Map<String, Object> readOnlyA = params(A, readOnly);
        readOnlyA.put(StepParams.TARGET_CLUSTER, B);
        StepEvent fenced = run(StepType.READ_ONLY, readOnlyA);
        // A writes nothing once fenced: for longer than two of its event's periods its ticks stay as they were.
        long fencedTicks = ticks(servers.a());
        await("no tick written on A after its fence").during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5))
                .until(() -> ticks(servers.a()) == fencedTicks);
        run(StepType.READ_ONLY, params(B, readOnly));
        run(StepType.KILL_CONNECTIONS, params(A, readOnly));
        Map<String, Object> waitSync = params(B, readOnly);
        waitSync.put(StepParams.SOURCE_CLUSTER, A);
        waitSync.put(StepParams.TIMEOUT_MS, 30_000);
        run(StepType.WAIT_SYNC, waitSync);
        run(StepType.STOP_REPLICA, params(B, readOnly));
        StepEvent captured = run(StepType.CAPTURE_POSITION, params(B, readOnly));
        StepEvent writable = run(StepType.WRITABLE, params(B, readOnly));
        run(StepType.RESET_REPLICA, params(A, readOnly));
        Map<String, Object> reverse = params(A, readOnly);
        reverse.put(StepParams.SOURCE_CLUSTER, B);
        reverse.put(StepParams.POSITION, fact(captured, StepParams.FACT_POSITION));
        run(StepType.REVERSE_REPLICATION, reverse);
        return Map.of(StepType.READ_ONLY, fenced, StepType.WRITABLE, writable);
    }

    /** PRECHECK of the flip from A to B, as the planner sends it; its event, whatever its findings. */
    protected StepEvent precheck() {
        return bus.run(plan.command(StepType.PRECHECK, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A)));
    }

    private StepEvent run(StepType type, Map<String, Object> params) {
        return succeeded(bus.run(plan.command(type, params)));
    }

    private static Map<String, Object> params(String cluster, String readOnly) {
        Map<String, Object> params = new HashMap<>();
        params.put(StepParams.CLUSTER, cluster);
        params.put(StepParams.EXEMPT_USERS, EXEMPT);
        params.put(StepParams.STRATEGIES, Map.of(StepParams.STRATEGY_READ_ONLY, readOnly, StepParams.STRATEGY_KILL, "kill"));
        return params;
    }

    private long ticks(DatabaseServer server) throws SQLException {
        return Long.parseLong(servers.value(server, "SELECT COUNT(*) FROM " + schema + ".ticks"));
    }

    /** The rows on {@code on} that {@code by}'s event scheduler wrote. */
    protected long ticksBy(DatabaseServer on, DatabaseServer by) throws SQLException {
        String id = servers.value(by, "SELECT @@server_id");
        return Long.parseLong(servers.value(on, "SELECT COUNT(*) FROM " + schema + ".ticks WHERE server_id = " + id));
    }

    protected String status(DatabaseServer server) throws SQLException {
        return servers.value(server, "SELECT CASE WHEN STATUS IN ('SLAVESIDE_DISABLED', 'REPLICA_SIDE_DISABLED')"
                + " THEN 'DISABLED ON REPLICA' ELSE STATUS END FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '" + schema + "'");
    }

    protected String definer(DatabaseServer server) throws SQLException {
        return servers.value(server, "SELECT DEFINER FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '" + schema + "'");
    }
}
