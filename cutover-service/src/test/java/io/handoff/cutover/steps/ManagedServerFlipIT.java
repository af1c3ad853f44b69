package io.handoff.cutover.steps;

import static io.handoff.cutover.support.AuroraTargetProfile.AURORA;
import static io.handoff.cutover.support.Servers.A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.support.AuroraTargetProfile;
import io.handoff.cutover.support.AuthProbe;
import io.handoff.cutover.support.RdsProcedures;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.cutover.support.Workload;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flip onto a managed target: the target server registered as Aurora MySQL ({@value AuroraTargetProfile#AURORA}),
 * reached as the {@code master} account without SUPER, with Aurora's {@code mysql.rds_*} procedures
 * installed. Writes are fenced by locking the application accounts, sessions are killed per user or
 * through {@code mysql.rds_kill}, while an application writes on A and the authentication service
 * logs in on both servers every 50 ms.
 */
@QuarkusTest
@TestProfile(AuroraTargetProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class ManagedServerFlipIT extends ReplicatedPairFixture {
    /** auth keeps authentication up; admin is the DBA's own account on both servers. */
    private static final List<String> EXEMPT_ON_MANAGED = List.of("auth", "admin");

    @BeforeAll
    static void installRdsProcedures() {
        RdsProcedures.install(SharedLocalStack.get().target());
    }

    @AfterAll
    static void removeRdsProcedures() {
        RdsProcedures.remove(SharedLocalStack.get().target());
    }

    /** Whatever a test locked, the next one starts with every account unlocked (not binlogged: per server). */
    @AfterEach
    void unlockEveryAccount() {
        for (DatabaseServer server : List.of(servers.a(), servers.b())) {
            server.runAsRoot("SET sql_log_bin=0;\nALTER USER IF EXISTS 'app'@'%' ACCOUNT UNLOCK;\n"
                    + "ALTER USER IF EXISTS 'master'@'%' ACCOUNT UNLOCK;\nSET sql_log_bin=1;\n");
        }
    }

    @Test
    void flipOntoAuroraWithAccountLockAndPerUserKillLosesNothingAndKeepsAuthUp() throws Exception {
        flipWhileWritingAndAuthenticating("per-user");
    }

    @Test
    void flipOntoAuroraWithAccountLockAndRdsKillLosesNothingAndKeepsAuthUp() throws Exception {
        flipWhileWritingAndAuthenticating("rds-kill");
    }

    @Test
    void rollbackWithAccountLockUnlocksAAndLocksTheAuroraTargetAgain() throws Exception {
        succeeds(StepType.READ_ONLY, params(A, "rds-kill"));
        succeeds(StepType.READ_ONLY, params(AURORA, "rds-kill"));
        succeeds(StepType.KILL_CONNECTIONS, params(A, "rds-kill"));
        assertThatThrownBy(() -> servers.insert(servers.a(), servers.app(), table, 1, "fenced"))
                .isInstanceOf(SQLException.class).hasMessageContaining("locked");

        Map<String, Object> rollback = new HashMap<>(params(A, "rds-kill"));
        rollback.put(StepParams.TARGET_CLUSTER, AURORA);
        StepEvent restored = succeeds(StepType.ROLLBACK, rollback);

        assertThat(fact(restored, StepParams.FACT_ACTIONS)).asList().containsExactly("made source writable");
        servers.insert(servers.a(), servers.app(), table, 2, "restored");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(servers.ids(servers.b(), table, "restored")).containsExactly(2L));
        assertThatThrownBy(() -> servers.insert(servers.b(), servers.app(), table, 3, "on-b"))
                .isInstanceOf(SQLException.class).hasMessageContaining("locked");
        assertThat(servers.replicatesFrom(servers.b(), servers.a())).isTrue();
        assertThat(fact(succeeds(StepType.ROLLBACK, rollback), StepParams.FACT_ALREADY_APPLIED)).isEqualTo(true);
    }

    /** Issue 16, point 3: where read-only cannot be set, START_REPLICATION says so and changes nothing else. */
    @Test
    void startReplicationOnTheAuroraTargetLeavesReadOnlyAloneWithAWarning() throws Exception {
        StepEvent started = succeeds(StepType.START_REPLICATION, Map.of(StepParams.CLUSTER, AURORA, StepParams.SOURCE_CLUSTER, A,
                StepParams.POSITION, servers.binlogPosition(servers.a())));

        assertThat(fact(started, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(true);
        assertThat(fact(started, StepParams.FACT_REPLICA_READ_ONLY)).isEqualTo(false);
        assertThat((String) fact(started, StepParams.FACT_WARNING)).contains(AURORA, "read-only");
        assertThat(servers.readOnly(servers.b())).isFalse();
        assertThat(servers.replicatesFrom(servers.b(), servers.a())).isTrue();
    }

    @Test
    void precheckPassesAndRetainBinlogGoesThroughRdsSetConfigurationOnTheAuroraTarget() throws Exception {
        String expiry = servers.value(servers.b(), "SELECT @@GLOBAL.binlog_expire_logs_seconds");
        try {
            StepEvent precheck = succeeds(StepType.PRECHECK, Map.of(StepParams.CLUSTER, AURORA, StepParams.SOURCE_CLUSTER, A,
                    StepParams.STRATEGIES, Map.of(StepParams.STRATEGY_READ_ONLY, "account-lock", StepParams.STRATEGY_KILL, "rds-kill")));
            assertThat(fact(precheck, StepParams.FACT_FINDINGS)).asList().noneMatch(finding ->
                    String.valueOf(finding).contains("BLOCKING"));

            StepEvent retained = succeeds(StepType.RETAIN_BINLOG, Map.of(StepParams.CLUSTER, AURORA,
                    StepParams.RETAIN_SECONDS, 36 * 3600));

            assertThat(retained.facts().get(StepParams.FACT_PREVIOUS_RETENTION_SECONDS)).isNull();
            assertThat(((Number) fact(retained, StepParams.FACT_RETENTION_SECONDS)).longValue()).isEqualTo(36 * 3600L);
            assertThat(servers.value(servers.b(), "SELECT value FROM mysql.rds_configuration WHERE name = 'binlog retention hours'"))
                    .isEqualTo("36");
        } finally {
            servers.admin(servers.b(), "SET GLOBAL binlog_expire_logs_seconds=" + expiry,
                    "SET sql_log_bin=0", "UPDATE mysql.rds_configuration SET value = NULL");
        }
    }

    @Test
    void perUserKillOfAnAccountWhosePasswordTheServiceLacksFailsNamingItAndKillsNothing() throws Exception {
        try (Connection master = servers.connect(servers.a(), SharedLocalStack.get().accounts().master());
                Connection app = servers.connect(servers.a(), servers.app())) {
            StepEvent failed = bus.run(plan.command(StepType.KILL_CONNECTIONS, params(A, "per-user")));

            assertThat(failed.kind()).isEqualTo(StepEventKind.FAILED);
            assertThat(failed.failure().retryable()).isFalse();
            assertThat(failed.failure().reason()).contains("[master]", "source", "handoff.cutover.kill-accounts.source");
            assertThat(failed.failure().recoverableState()).contains("no session was killed");
            selectOne(master);
            selectOne(app);
        }
    }

    private void flipWhileWritingAndAuthenticating(String kill) throws Exception {
        StepEvent readOnlyA;
        StepEvent readOnlyB;
        StepEvent captured;
        Workload workload = new Workload(servers.a(), servers.app(), table);
        try (AuthProbe auth = new AuthProbe(servers.auth(), List.of(servers.a(), servers.b()));
                Connection strayOnB = servers.connect(servers.b(), servers.app())) {
            try (workload) {
                await().atMost(Duration.ofSeconds(30)).until(() -> workload.acknowledged().size() >= 20);
                succeeds(StepType.FLUSH_TABLES, on(A));
                StepCommand fenceA = plan.command(StepType.READ_ONLY, params(A, kill));
                readOnlyA = succeeds(fenceA);
                readOnlyB = succeeds(StepType.READ_ONLY, params(AURORA, kill));
                StepEvent again = succeeds(plan.retry(fenceA));
                assertThat(fact(again, StepParams.FACT_ALREADY_APPLIED)).as("%s", again.facts()).isEqualTo(true);
                assertThat(fact(again, StepParams.FACT_LOCKED_ACCOUNTS)).isEqualTo(fact(readOnlyA, StepParams.FACT_LOCKED_ACCOUNTS));
                succeeds(StepType.KILL_CONNECTIONS, params(A, kill));
                succeeds(StepType.FLUSH_TABLES, on(A));
                Map<String, Object> waitSync = new HashMap<>(params(AURORA, kill));
                waitSync.put(StepParams.SOURCE_CLUSTER, A);
                waitSync.put(StepParams.TIMEOUT_MS, 30_000);
                succeeds(StepType.WAIT_SYNC, waitSync);
                succeeds(StepType.STOP_REPLICA, on(AURORA));
                captured = succeeds(StepType.CAPTURE_POSITION, params(AURORA, kill));
                succeeds(StepType.WRITABLE, params(AURORA, kill));
                succeeds(StepType.RESET_REPLICA, on(A));
                Map<String, Object> reverse = new HashMap<>(params(A, kill));
                reverse.put(StepParams.SOURCE_CLUSTER, AURORA);
                reverse.put(StepParams.POSITION, fact(captured, StepParams.FACT_POSITION));
                succeeds(StepType.REVERSE_REPLICATION, reverse);
                succeeds(StepType.RESET_REPLICA, on(AURORA));
                Instant fencedAt = Instant.parse((String) fact(readOnlyA, StepParams.FACT_CONFIRMED_AT));
                await().atMost(Duration.ofSeconds(10)).until(() -> workload.attempts().stream()
                        .filter(attempt -> attempt.startedAt().isAfter(fencedAt)).count() >= 10);
            }
            assertThatThrownBy(() -> selectOne(strayOnB)).as("the application's session on the target")
                    .isInstanceOf(SQLException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> auth.logins() >= 20);
            auth.close();
            assertThat(auth.failures()).as("failed logins of the exempt account").isEmpty();
        }

        // Which accounts each fence locked: the application's and, on the self-managed A, the unused master account.
        assertThat(fact(readOnlyA, StepParams.FACT_LOCKED_ACCOUNTS)).asList().containsExactly("'app'@'%'", "'master'@'%'");
        assertThat(fact(readOnlyB, StepParams.FACT_LOCKED_ACCOUNTS)).asList().containsExactly("'app'@'%'");
        assertThat(fact(readOnlyB, StepParams.FACT_KILLED_USERS)).asList().containsExactly("app");
        assertThat(fact(readOnlyA, StepParams.FACT_KILLED_USERS)).asList().containsExactly("app");

        // Invariant 1: from READ_ONLY(A) on, no application write succeeds on A.
        Instant fencedAt = Instant.parse((String) fact(readOnlyA, StepParams.FACT_CONFIRMED_AT));
        assertThat(workload.attempts()).filteredOn(attempt -> attempt.startedAt().isAfter(fencedAt)).isNotEmpty()
                .noneMatch(Workload.Attempt::acknowledged);

        // Invariant 2: every acknowledged write is on B, which has exactly A's rows.
        assertThat(workload.acknowledged()).isNotEmpty();
        assertThat(servers.ids(servers.b(), table, Workload.WHO)).containsAll(workload.acknowledged())
                .isEqualTo(servers.ids(servers.a(), table, Workload.WHO));

        // B takes the application's writes again and A follows it; A keeps its application accounts locked.
        servers.insert(servers.b(), servers.app(), table, 1_000_000, "on-b");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(servers.ids(servers.a(), table, "on-b")).containsExactly(1_000_000L));
        assertThatThrownBy(() -> servers.insert(servers.a(), servers.app(), table, 2_000_000, "on-a"))
                .isInstanceOf(SQLException.class).hasMessageContaining("locked");
        assertThat(servers.replicatesFrom(servers.a(), servers.b())).isTrue();
        assertThat(servers.replicas(servers.b())).isEmpty();
    }

    private static Map<String, Object> params(String cluster, String kill) {
        return Map.of(StepParams.CLUSTER, cluster, StepParams.EXEMPT_USERS, EXEMPT_ON_MANAGED,
                StepParams.STRATEGIES, Map.of(StepParams.STRATEGY_READ_ONLY, "account-lock", StepParams.STRATEGY_KILL, kill));
    }

    private static void selectOne(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("SELECT 1");
        }
    }
}
