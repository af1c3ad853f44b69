package io.handoff.cutover.steps;

import static io.handoff.cutover.support.AuroraTargetProfile.AURORA;
import static io.handoff.cutover.support.Servers.A;
import static io.handoff.cutover.support.Servers.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.rds.RdsFacts;
import io.handoff.cutover.support.AuroraTargetProfile;
import io.handoff.cutover.support.RdsProcedures;
import io.handoff.cutover.support.ReplicatedPairFixture;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.StackRds;
import io.handoff.localstack.mariadb.DbAccount;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.handoff.rdsemu.GroupMembership;
import io.handoff.rdsemu.RdsEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;

/**
 * The {@code security-group-swap} read-only strategy and the Aurora snapshot against the local stack's RDS
 * emulator: the Aurora-flavored target ({@value AuroraTargetProfile#AURORA}) and the source are each
 * fronted by an emulated cluster whose application endpoint admits applications only while the cluster's
 * security groups do. Applications connect through those endpoints; the service and the fixtures connect
 * to the servers directly, as administrators do.
 */
@QuarkusTest
@TestProfile(AuroraTargetProfile.class)
@QuarkusTestResource(LocalStackTestResource.class)
class SecurityGroupSwapIT extends ReplicatedPairFixture {
    private static final List<String> EXEMPT_ON_MANAGED = List.of("auth", "admin");

    private final RdsEmulator rds = SharedLocalStack.get().rds();
    private final InetSocketAddress sourceEndpoint = rds.applicationEndpoint(StackRds.SOURCE_CLUSTER_ID);
    private final InetSocketAddress targetEndpoint = rds.applicationEndpoint(StackRds.TARGET_CLUSTER_ID);

    @BeforeAll
    static void installRdsProcedures() {
        RdsProcedures.install(SharedLocalStack.get().target());
    }

    @AfterAll
    static void removeRdsProcedures() {
        RdsProcedures.remove(SharedLocalStack.get().target());
    }

    /** Whatever a test swapped or snapshotted, the next one starts with both clusters open to applications. */
    @AfterEach
    void openBothClustersAgain() {
        rds.restoreInitialGroups(StackRds.SOURCE_CLUSTER_ID);
        rds.restoreInitialGroups(StackRds.TARGET_CLUSTER_ID);
        rds.deleteSnapshots();
    }

    @Test
    void swapRefusesNewApplicationConnectionsUntilWritableWhileTheServiceKeepsWorking() throws Exception {
        assertThat(applicationConnects(targetEndpoint)).isTrue();
        try (Connection stray = connect(targetEndpoint, servers.app());
                Connection administrator = servers.connect(servers.b(), SharedLocalStack.get().accounts().master())) {
            StepCommand fence = plan.command(StepType.READ_ONLY, swap(AURORA));
            StepEvent fenced = succeeds(fence);

            assertThat(fact(fenced, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(false);
            assertThat(fact(fenced, RdsFacts.RDS_CLUSTER)).isEqualTo(StackRds.TARGET_CLUSTER_ID);
            assertThat(fact(fenced, RdsFacts.PREVIOUS_SECURITY_GROUPS)).asList().containsExactly(StackRds.APPLICATION_GROUP);
            assertThat(fact(fenced, RdsFacts.SECURITY_GROUPS)).asList().containsExactly(StackRds.RESTRICTED_GROUP);
            assertThat(fact(fenced, StepParams.FACT_KILLED_USERS)).asList().containsExactly("app");
            assertThat(rds.cluster(StackRds.TARGET_CLUSTER_ID).status()).isEqualTo("available");
            assertThat(rds.cluster(StackRds.TARGET_CLUSTER_ID).groups())
                    .containsExactly(new GroupMembership(StackRds.RESTRICTED_GROUP, "active"));

            assertThat(applicationConnects(targetEndpoint)).as("a new application connection while fenced").isFalse();
            assertThatThrownBy(() -> selectOne(stray)).as("the application's session open before the fence")
                    .isInstanceOf(SQLException.class);
            selectOne(administrator);
            servers.admin(servers.b(), "SELECT 1");

            long modifications = rds.callsByOperation().getOrDefault("ModifyDBCluster", 0L);
            StepEvent again = succeeds(plan.retry(fence));
            assertThat(fact(again, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(true);
            assertThat(fact(again, RdsFacts.SECURITY_GROUPS)).asList().containsExactly(StackRds.RESTRICTED_GROUP);
            assertThat(rds.callsByOperation().getOrDefault("ModifyDBCluster", 0L)).as("ModifyDBCluster calls").isEqualTo(modifications);
        }

        succeeds(StepType.STOP_REPLICA, on(AURORA));
        StepCommand open = plan.command(StepType.WRITABLE, swap(AURORA));
        StepEvent opened = succeeds(open);

        assertThat(fact(opened, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(false);
        assertThat(fact(opened, RdsFacts.SECURITY_GROUPS)).asList().containsExactly(StackRds.APPLICATION_GROUP);
        assertThat(applicationConnects(targetEndpoint)).isTrue();
        try (Connection app = connect(targetEndpoint, servers.app()); Statement sql = app.createStatement()) {
            sql.executeUpdate("INSERT INTO " + table + " (id, who) VALUES (1, 'through-endpoint')");
        }
        assertThat(servers.ids(servers.b(), table, "through-endpoint")).containsExactly(1L);
        assertThat(fact(succeeds(plan.retry(open)), StepParams.FACT_ALREADY_APPLIED)).isEqualTo(true);
    }

    /**
     * READ_ONLY's {@code confirmedAt} is when no application session can write any more: after the sessions
     * opened before the swap were killed, not when the restricted group took effect (they keep writing
     * until the kill). An application writing in a loop through the endpoint has no write sent after it
     * that succeeded.
     */
    @Test
    void confirmedAtIsAfterTheSessionsOpenBeforeTheSwapWereKilled() throws Exception {
        List<Instant> acceptedSends = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch writing = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try (Connection app = connect(sourceEndpoint, servers.app()); Statement sql = app.createStatement()) {
                for (int id = 1; ; id++) {
                    Instant sent = Instant.now();
                    sql.executeUpdate("INSERT INTO " + table + " (id, who) VALUES (" + id + ", 'looping')");
                    acceptedSends.add(sent);
                    writing.countDown();
                }
            } catch (SQLException killed) {
                // the fence ended the session: what the test waits for
            }
        }, "looping-application");
        writer.start();
        assertThat(writing.await(10, TimeUnit.SECONDS)).as("the application writes").isTrue();

        StepEvent fenced = succeeds(StepType.READ_ONLY, swap(A));
        writer.join(10_000);

        Instant confirmedAt = Instant.parse((String) fact(fenced, StepParams.FACT_CONFIRMED_AT));
        Instant groupsInEffect = Instant.parse((String) fact(fenced, RdsFacts.SECURITY_GROUPS_CONFIRMED_AT));
        assertThat(writer.isAlive()).as("the looping application's session was ended").isFalse();
        assertThat(fact(fenced, StepParams.FACT_KILLED_USERS)).asList().containsExactly("app");
        assertThat(confirmedAt).as("confirmedAt against the groups in effect").isAfter(groupsInEffect);
        assertThat(acceptedSends).as("writes sent after confirmedAt that the old master accepted")
                .noneMatch(sent -> sent.isAfter(confirmedAt));
    }

    @Test
    void flipWithSecurityGroupSwapOnBothClustersMovesTheApplicationToTheTargetsEndpoint() throws Exception {
        try (Connection app = connect(sourceEndpoint, servers.app()); Statement sql = app.createStatement()) {
            sql.executeUpdate("INSERT INTO " + table + " (id, who) VALUES (1, 'on-a')");
        }
        succeeds(StepType.FLUSH_TABLES, on(A));
        succeeds(StepType.READ_ONLY, swap(A));
        succeeds(StepType.READ_ONLY, swap(AURORA));
        assertThat(applicationConnects(sourceEndpoint)).isFalse();
        assertThat(applicationConnects(targetEndpoint)).isFalse();
        succeeds(StepType.KILL_CONNECTIONS, swap(A));
        succeeds(StepType.FLUSH_TABLES, on(A));
        Map<String, Object> waitSync = new HashMap<>(swap(AURORA));
        waitSync.put(StepParams.SOURCE_CLUSTER, A);
        waitSync.put(StepParams.TIMEOUT_MS, 30_000);
        succeeds(StepType.WAIT_SYNC, waitSync);
        succeeds(StepType.STOP_REPLICA, on(AURORA));
        StepEvent captured = succeeds(StepType.CAPTURE_POSITION, swap(AURORA));
        succeeds(StepType.WRITABLE, swap(AURORA));
        succeeds(StepType.RESET_REPLICA, on(A));
        Map<String, Object> reverse = new HashMap<>(swap(A));
        reverse.put(StepParams.SOURCE_CLUSTER, AURORA);
        reverse.put(StepParams.POSITION, fact(captured, StepParams.FACT_POSITION));
        succeeds(StepType.REVERSE_REPLICATION, reverse);
        succeeds(StepType.RESET_REPLICA, on(AURORA));

        assertThat(applicationConnects(sourceEndpoint)).as("the old master's endpoint stays closed").isFalse();
        try (Connection app = connect(targetEndpoint, servers.app()); Statement sql = app.createStatement()) {
            sql.executeUpdate("INSERT INTO " + table + " (id, who) VALUES (2, 'on-b')");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(servers.ids(servers.a(), table, "on-b")).containsExactly(2L));
        assertThat(servers.ids(servers.b(), table, "on-a")).containsExactly(1L);
    }

    @Test
    void aSwapNotInEffectByTheDeadlineFailsRetryableAndItsRedeliveryWaitsWithoutModifyingAgain() {
        rds.resetCounters();
        rds.setTransitionDelay(Duration.ofSeconds(15));
        try {
            StepCommand hurried = StepCommand.issue(plan.id(), "1-READ_ONLY", StepType.READ_ONLY, swap(AURORA), 1,
                    Instant.now().plusSeconds(6), plan.epoch(), Clock.systemUTC());
            StepEvent failed = bus.run(hurried);

            assertThat(failed.kind()).isEqualTo(StepEventKind.FAILED);
            assertThat(failed.failure().retryable()).isTrue();
            assertThat(failed.failure().reason()).contains("aurora", StackRds.TARGET_CLUSTER_ID, "deadline");
            assertThat(failed.failure().recoverableState()).contains("modifying", StackRds.RESTRICTED_GROUP + "=adding");
            assertThat(rds.callsByOperation().get("ModifyDBCluster")).isEqualTo(1L);

            StepEvent converged = succeeds(plan.retry(hurried));

            assertThat(fact(converged, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(false);
            assertThat(fact(converged, RdsFacts.PREVIOUS_SECURITY_GROUPS)).asList().containsExactly(StackRds.RESTRICTED_GROUP);
            assertThat(rds.callsByOperation().get("ModifyDBCluster")).as("ModifyDBCluster calls").isEqualTo(1L);
            assertThat(applicationConnects(targetEndpoint)).isFalse();
        } finally {
            rds.setTransitionDelay(StackRds.TRANSITION_DELAY);
        }
    }

    @Test
    void rollbackWithSecurityGroupSwapReopensTheOldMasterAndFencesTheTarget() throws Exception {
        succeeds(StepType.READ_ONLY, swap(A));
        succeeds(StepType.READ_ONLY, swap(AURORA));
        succeeds(StepType.KILL_CONNECTIONS, swap(A));
        assertThat(applicationConnects(sourceEndpoint)).isFalse();

        Map<String, Object> rollback = new HashMap<>(swap(A));
        rollback.put(StepParams.TARGET_CLUSTER, AURORA);
        StepEvent restored = succeeds(StepType.ROLLBACK, rollback);

        assertThat(fact(restored, StepParams.FACT_ACTIONS)).asList().containsExactly("made source writable");
        assertThat(applicationConnects(sourceEndpoint)).isTrue();
        assertThat(applicationConnects(targetEndpoint)).isFalse();
        try (Connection app = connect(sourceEndpoint, servers.app()); Statement sql = app.createStatement()) {
            sql.executeUpdate("INSERT INTO " + table + " (id, who) VALUES (1, 'restored')");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(servers.ids(servers.b(), table, "restored")).containsExactly(1L));
        assertThat(fact(succeeds(StepType.ROLLBACK, rollback), StepParams.FACT_ALREADY_APPLIED)).isEqualTo(true);
    }

    @Test
    void snapshotOfTheAuroraClusterIsAClusterSnapshotThatTheFactsName() {
        StepCommand snapshot = plan.command(StepType.SNAPSHOT, on(AURORA));
        StepEvent taken = succeeds(snapshot);

        String identifier = (String) fact(taken, StepParams.FACT_SNAPSHOT);
        assertThat(fact(taken, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(false);
        assertThat(fact(taken, RdsFacts.RDS_CLUSTER)).isEqualTo(StackRds.TARGET_CLUSTER_ID);
        try (RdsClient client = RdsClient.builder().endpointOverride(rds.endpoint()).region(Region.of(rds.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            DBClusterSnapshot described = client.describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier(identifier))
                    .dbClusterSnapshots().get(0);
            assertThat(described.status()).isEqualTo("available");
            assertThat(described.dbClusterIdentifier()).isEqualTo(StackRds.TARGET_CLUSTER_ID);
            assertThat(described.dbClusterSnapshotArn()).isEqualTo(fact(taken, RdsFacts.SNAPSHOT_ARN));
        }

        StepEvent again = succeeds(plan.retry(snapshot));
        assertThat(fact(again, StepParams.FACT_ALREADY_APPLIED)).isEqualTo(true);
        assertThat(fact(again, StepParams.FACT_SNAPSHOT)).isEqualTo(identifier);
        assertThat(rds.snapshots()).hasSize(1);
    }

    @Test
    void precheckFlagsSecurityGroupSwapOnAClusterTheRdsApiDoesNotKnow() {
        StepEvent failed = bus.run(plan.command(StepType.PRECHECK, Map.of(StepParams.CLUSTER, B, StepParams.SOURCE_CLUSTER, A,
                StepParams.STRATEGIES, Map.of(StepParams.STRATEGY_READ_ONLY, "security-group-swap", StepParams.STRATEGY_KILL, "kill"))));

        assertThat(failed.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(failed.failure().retryable()).isFalse();
        assertThat(failed.failure().reason()).contains("BLOCKING security_group_swap on target", AuroraTargetProfile.UNKNOWN_RDS_CLUSTER,
                "DBClusterNotFoundFault");
        assertThat(failed.failure().reason()).doesNotContain("security_group_swap on source");
    }

    @Test
    void aSwapOfAClusterTheRdsApiDoesNotKnowFailsTerminalNamingItAndChangesNothing() throws Exception {
        StepEvent failed = bus.run(plan.command(StepType.READ_ONLY, swap(B)));

        assertThat(failed.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(failed.failure().retryable()).isFalse();
        assertThat(failed.failure().reason()).contains("target", AuroraTargetProfile.UNKNOWN_RDS_CLUSTER, "terminal",
                "DBClusterNotFoundFault");
        assertThat(failed.failure().recoverableState()).contains(AuroraTargetProfile.UNKNOWN_RDS_CLUSTER);
        assertThat(applicationConnects(targetEndpoint)).isTrue();
    }

    private static Map<String, Object> swap(String cluster) {
        return Map.of(StepParams.CLUSTER, cluster, StepParams.EXEMPT_USERS, EXEMPT_ON_MANAGED,
                StepParams.STRATEGIES, Map.of(StepParams.STRATEGY_READ_ONLY, "security-group-swap", StepParams.STRATEGY_KILL, "rds-kill"));
    }

    private static Connection connect(InetSocketAddress endpoint, DbAccount account) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + endpoint.getHostString() + ":" + endpoint.getPort()
                + "/?connectTimeout=3000", account.user(), account.password());
    }

    /** Whether the application account gets a working session through the endpoint now. */
    private boolean applicationConnects(InetSocketAddress endpoint) {
        try (Connection connection = connect(endpoint, servers.app())) {
            selectOne(connection);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void selectOne(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("SELECT 1");
        }
    }
}
