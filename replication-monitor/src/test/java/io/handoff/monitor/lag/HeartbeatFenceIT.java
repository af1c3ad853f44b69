package io.handoff.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.sql.HeartbeatFence;
import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.monitor.support.MonitorBus;
import io.handoff.monitor.support.ReplicatedPair;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 2: the monitor's heartbeat stops on the old master before its fence, also where the fence
 * spares the monitor's administrative account and leaves {@code read_only} off (account-lock, as here, and
 * security-group-swap). The fence is applied as the old master's READ_ONLY applies it: the plan's fence
 * marker first ({@link HeartbeatFence#mark}), then the application account locked without binlogging.
 * Evidence from the server: a binlog census of the source's own GTIDs beyond the position read right after
 * the fence (MariaDB's {@code gtid_binlog_state}, MySQL's {@code gtid_executed}). Before the fix the
 * heartbeat, checking only {@code read_only}, went on writing there (about 10 own transactions per second
 * at this interval).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@Tag("issue-16")
class HeartbeatFenceIT {
    private static final String SOURCE = "source";
    private static final String TARGET = "target";

    private final LocalStack stack = SharedLocalStack.get();
    private final ReplicatedPair servers = new ReplicatedPair(stack);
    private final String planId = "plan-" + UUID.randomUUID();
    private final String schema = "fence_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private int steps;
    private MonitorBus bus;

    @BeforeEach
    void aFreshReplicatedSchema() throws Exception {
        servers.standalone(List.of());
        servers.replicatedTable(schema);
        bus = new MonitorBus(stack.kafka().bootstrapServers(), planId);
    }

    @AfterEach
    void stopMonitoringUnlockAndStandAlone() throws Exception {
        try {
            if (bus != null) {
                bus.run(command(StepType.STOP_MONITOR, Map.of()));
                bus.close();
            }
        } finally {
            servers.admin(servers.source(), "SET sql_log_bin=0", "ALTER USER IF EXISTS 'app'@'%' ACCOUNT UNLOCK");
            servers.standalone(List.of(schema));
        }
    }

    @Test
    void heartbeatWritesNoTransactionOnTheOldMasterPastAnAccountLockFence() throws Exception {
        StepEvent started = bus.run(command(StepType.START_MONITOR,
                Map.of(StepParams.CLUSTER, TARGET, StepParams.SOURCE_CLUSTER, SOURCE, StepParams.INTERVAL_MS, 20)));
        assertThat(started.kind()).as("START_MONITOR: %s", started.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        String beforeBeats = servers.binlogGtids(servers.source());
        // The heartbeat writes on the writable master: its own transactions go on advancing there.
        await().atMost(Duration.ofSeconds(10)).until(() -> ownTransactionsSince(beforeBeats) >= 5);

        // READ_ONLY(A) under account-lock with the admin account spared: the marker, then the lock (not binlogged).
        try (Connection admin = servers.source().connect(stack.accounts().admin());
                PreparedStatement mark = HeartbeatFence.mark(planId).prepare(admin)) {
            mark.executeUpdate();
        }
        servers.admin(servers.source(), "SET sql_log_bin=0", "ALTER USER 'app'@'%' ACCOUNT LOCK", "SET sql_log_bin=1");
        String fencedAt = servers.binlogGtids(servers.source());
        Instant fenceConfirmed = Instant.now();

        // Census: no transaction of the old master's own beyond the fence's position, for 40 heartbeat intervals.
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(ownTransactionsSince(fencedAt))
                        .as("own transactions of the source after the fence").isZero());
        // The samples say so: the heartbeat no longer advances on the source.
        await().atMost(Duration.ofSeconds(5)).until(() -> !bus.samplesSince(fenceConfirmed.plusMillis(500)).isEmpty()
                && bus.latest().stale());
        assertThat(servers.value(servers.source(), "SELECT @@GLOBAL.read_only")).isEqualTo("0");
    }

    /**
     * The source's own transactions in its binlog past {@code position} (an earlier reading of its binlog GTID
     * state): the source replicates from nobody, so every transaction its binlog gained is its own.
     */
    private long ownTransactionsSince(String position) throws SQLException {
        return ReplicatedPair.transactionsBetween(position, servers.binlogGtids(servers.source()));
    }

    private StepCommand command(StepType type, Map<String, ?> params) {
        steps++;
        return StepCommand.issue(planId, steps + "-" + type, type, params, 1, Instant.now().plus(Duration.ofMinutes(10)), 0,
                Clock.systemUTC());
    }
}
