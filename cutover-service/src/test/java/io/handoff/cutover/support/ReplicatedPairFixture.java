package io.handoff.cutover.support;

import io.handoff.localstack.testing.StepCommandBus;
import static io.handoff.cutover.support.Servers.A;
import static io.handoff.cutover.support.Servers.B;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.topic.HandoffAcls;
import io.handoff.localstack.SharedLocalStack;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the integration tests: before each test, a fresh schema on A replicated to B and a command
 * bus positioned at the end of the step events; after it, both servers stand alone again, writable
 * and without GTID history, whatever the test did. Tests drive the service only through the bus.
 */
public abstract class ReplicatedPairFixture {
    /** The exempt account of every test plan. */
    protected static final List<String> EXEMPT = List.of("auth");

    protected final Servers servers = new Servers(SharedLocalStack.get());
    protected final Plan plan = new Plan();
    protected StepCommandBus bus;
    protected String table;

    /** Delivers one command to the service and returns the outcome the flip goes on with. */
    @FunctionalInterface
    protected interface Delivery {
        StepEvent deliver(StepCommand command);
    }

    @BeforeEach
    void replicateAFreshSchema() throws SQLException {
        table = servers.replicatedTable("t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        // as the planner: with a secured broker (handoff.stack.secure-kafka), the only principal that writes commands
        bus = new StepCommandBus(SharedLocalStack.get().kafkaClientProperties(HandoffAcls.PLANNER));
    }

    @AfterEach
    void standAloneAgain() throws SQLException {
        if (bus != null) {
            bus.close();
        }
        servers.standalone();
    }

    /** Runs {@code command} once and checks that it succeeded. */
    protected StepEvent succeeds(StepCommand command) {
        return succeeded(bus.run(command));
    }

    /** Runs a new step once and checks that it succeeded. */
    protected StepEvent succeeds(StepType type, Map<String, ?> params) {
        return succeeds(plan.command(type, params));
    }

    protected static StepEvent succeeded(StepEvent event) {
        return StepEventAssertions.succeeded(event);
    }

    /** Params naming one cluster. */
    protected static Map<String, Object> on(String cluster) {
        return Map.of(StepParams.CLUSTER, cluster);
    }

    protected static Object fact(StepEvent event, String name) {
        return StepEventAssertions.fact(event, name);
    }

    /**
     * The SQL steps of a writable-first flip from A to B, each delivered with {@code delivery}, the
     * reverse replication starting at the position CAPTURE_POSITION reported. Returns the outcomes in
     * order: FLUSH_TABLES(A), READ_ONLY(A), READ_ONLY(B), KILL_CONNECTIONS(A), FLUSH_TABLES(A),
     * WAIT_SYNC(B from A), STOP_REPLICA(B), CAPTURE_POSITION(B), WRITABLE(B), RESET_REPLICA(A),
     * REVERSE_REPLICATION(A from B), RESET_REPLICA(B).
     */
    protected List<StepEvent> flip(Delivery delivery) {
        List<StepEvent> outcomes = new ArrayList<>();
        outcomes.add(delivery.deliver(plan.command(StepType.FLUSH_TABLES, on(A))));
        outcomes.add(delivery.deliver(plan.command(StepType.READ_ONLY, on(A))));
        outcomes.add(delivery.deliver(plan.command(StepType.READ_ONLY, on(B))));
        outcomes.add(delivery.deliver(plan.command(StepType.KILL_CONNECTIONS,
                Map.of(StepParams.CLUSTER, A, StepParams.EXEMPT_USERS, EXEMPT))));
        outcomes.add(delivery.deliver(plan.command(StepType.FLUSH_TABLES, on(A))));
        outcomes.add(delivery.deliver(plan.command(StepType.WAIT_SYNC,
                Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A, StepParams.TIMEOUT_MS, 30_000))));
        outcomes.add(delivery.deliver(plan.command(StepType.STOP_REPLICA, on(B))));
        StepEvent captured = delivery.deliver(plan.command(StepType.CAPTURE_POSITION, on(B)));
        outcomes.add(captured);
        outcomes.add(delivery.deliver(plan.command(StepType.WRITABLE, on(B))));
        outcomes.add(delivery.deliver(plan.command(StepType.RESET_REPLICA, on(A))));
        outcomes.add(delivery.deliver(plan.command(StepType.REVERSE_REPLICATION, Map.of(StepParams.CLUSTER, A,
                StepParams.SOURCE_CLUSTER, B, StepParams.POSITION, fact(captured, StepParams.FACT_POSITION)))));
        outcomes.add(delivery.deliver(plan.command(StepType.RESET_REPLICA, on(B))));
        return outcomes;
    }

    /** The outcome of the first step of {@code type} among the flip's outcomes. */
    protected static StepEvent outcomeOf(List<StepEvent> outcomes, StepType type) {
        return outcomes.stream().filter(event -> event.stepId().endsWith("-" + type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " among " + outcomes));
    }
}
