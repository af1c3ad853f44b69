package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.handoff.localstack.LocalStack;
import io.handoff.localstack.SharedLocalStack;
import io.handoff.localstack.db.DatabaseServer;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The flip end to end: the four services as packaged processes, the real local stack, two applications
 * writing through DNS the whole time. The flips follow one another on the same servers: a failed flip
 * that rolls back, a writable-first flip from source to target, its flip back, then a dns-first flip
 * followed by the point of no return.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlipIT {
    private static LocalStack stack;
    private static HandoffServices services;
    private static FlipScenario scenario;
    private static String completedFlip;
    private static Path workDir;

    @BeforeAll
    static void startEverything() throws Exception {
        stack = SharedLocalStack.get();
        Path repository = Path.of(System.getProperty("handoff.repository", "../.."));
        workDir = Files.createTempDirectory(Path.of("target"), "services-");
        services = HandoffServices.start(repository, workDir, stack.coordinates());
        scenario = new FlipScenario(stack, services.planner(), List.of("storefront", "billing"), 200);
        scenario.prepare();
    }

    @AfterAll
    static void stopEverything() {
        if (scenario != null) {
            scenario.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    @Order(1)
    void aFlipWhoseTargetCannotCatchUpRollsBackWithoutLosingAWrite() throws Exception {
        try (Connection admin = stack.target().connect(stack.accounts().admin()); Statement sql = admin.createStatement()) {
            sql.execute("STOP SLAVE SQL_THREAD");
        }

        FlipOutcome outcome = scenario.flip("source", "target", "writable-first", "2s", view -> { });

        assertThat(outcome.planStatus()).as(outcome.toString()).isEqualTo("ROLLED_BACK");
        assertThat(outcome.reason()).containsPattern("\\d\\d-wait-sync-target failed: WAIT_SYNC timed out");
        assertThat(outcome.lostWrites()).isZero();
        assertThat(outcome.writesOnOldMasterAfterReadOnly()).isZero();
        assertThat(outcome.newMaster()).as("read from the servers: " + outcome.serverStates()).isEqualTo(stack.source().host());
        assertThat(outcome.writableOverlapMs()).as("both servers accepted the probe write: " + outcome.overlaps()).isZero();
        assertThat(outcome.rowDiffs()).as("rows differing at one GTID position: " + outcome.rowComparison()).isZero();
        assertThat(outcome.acksOnNewMasterAfterPlan()).as("A takes writes again").isPositive();
        assertThat(outcome.dnsAnswers()).containsOnly(Map.entry("storefront", stack.source().host()),
                Map.entry("billing", stack.source().host()));
        assertReplicates(stack.target(), stack.source().host());
    }

    @Test
    @Order(2)
    void writableFirstFlipDrivenByTheCliMovesEveryWriteToTheTargetAndKeepsTheSourceAsItsReplica() throws Exception {
        Path plan = Files.writeString(workDir.resolve("writable-first.json"),
                scenario.planDocument("source", "target", "writable-first", "30s"));
        OperatorCli cli = new OperatorCli(services.get(HandoffService.PLANNER).uri(), services.operator(), workDir);

        assertThat(cli.run("plan", "submit", "--dry-run", plan.toString())).isZero();
        assertThat(cli.out()).contains("dry run: valid").contains("WAIT_SYNC").contains("SWITCH_DNS");
        assertThat(cli.run("plan", "submit", plan.toString())).as(cli.err()).isZero();
        String planId = cli.out().lines().filter(line -> line.startsWith("submitted ")).findFirst().orElseThrow().split(" ")[1];
        assertThat(cli.run("plan", "watch", planId, "--refresh", "1")).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("COMPLETED").containsPattern("WRITABLE\\s+CUTOVER\\s+SUCCEEDED");
        assertThat(cli.run("plan", "list")).isZero();
        assertThat(cli.out()).contains(planId);

        FlipOutcome outcome = scenario.followSubmitted(planId, view -> { });

        assertCompletedFlip(outcome, stack.source().host(), stack.target().host());
        assertThat(outcome.writableOverlapMs()).as("no watch: the CLI followed the plan to its end").isNull();
        assertReplicates(stack.source(), stack.target().host());
        completedFlip = outcome.planId();
    }

    @Test
    @Order(3)
    void flipBackOfTheCompletedFlipReturnsDnsAndWritesToTheSourceLosingNothing() throws Exception {
        FlipOutcome outcome = scenario.flipBack(completedFlip, view -> { });

        assertCompletedFlip(outcome, stack.target().host(), stack.source().host());
        assertReplicates(stack.target(), stack.source().host());
    }

    @Test
    @Order(4)
    void dnsFirstFlipThenPointOfNoReturnEndsReverseReplicationAndRefusesFlipBack() throws Exception {
        FlipOutcome outcome = scenario.flip("source", "target", "dns-first", "30s", view -> { });
        assertCompletedFlip(outcome, stack.source().host(), stack.target().host());

        services.planner().pointOfNoReturn(outcome.planId());

        await().atMost(Duration.ofSeconds(30)).until(() ->
                services.planner().get(outcome.planId()).path("pointOfNoReturnAt").isTextual());
        assertThat(replicaOf(stack.source().connect(stack.accounts().admin()))).isEqualTo("not a replica");
        assertThatThrownBy(() -> services.planner().flipBack(outcome.planId()))
                .isInstanceOfSatisfying(PlanRefusedException.class, refused -> assertThat(refused.status()).isEqualTo(409))
                .hasMessageContaining("point of no return");
    }

    private static void assertCompletedFlip(FlipOutcome outcome, String oldMaster, String newMaster) {
        assertThat(outcome.planStatus()).as(outcome.toString()).isEqualTo("COMPLETED");
        assertThat(outcome.lostWrites()).as("acknowledged writes missing on the new master").isZero();
        assertThat(outcome.writesOnOldMasterAfterReadOnly()).as("writes on the old master after read-only").isZero();
        assertThat(outcome.writableServers()).as("servers writable to applications, read from them: " + outcome.serverStates())
                .containsExactly(newMaster);
        assertThat(outcome.newMaster()).isEqualTo(newMaster);
        assertThat(outcome.serverStates().get(oldMaster).readOnly()).as("the old master's @@read_only").isTrue();
        assertThat(outcome.serverStates().get(newMaster).readOnly()).as("the new master's @@read_only").isFalse();
        assertThat(outcome.oldMasterWritesAfterFence()).as("the old master's own transactions past the fence: "
                + outcome.census()).isZero();
        if (outcome.writableOverlapMs() != null) {
            assertThat(outcome.writableOverlapMs()).as("both servers accepted the probe write: " + outcome.overlaps()).isZero();
            assertThat(outcome.probeAttempts().get(newMaster).get(1)).as("the new master accepted probe writes").isPositive();
        }
        assertThat(outcome.rowDiffs()).as("rows differing at one GTID position: " + outcome.rowComparison()).isZero();
        assertThat(outcome.acksOnNewMasterAfterPlan()).as("the workload writes to the new master").isPositive();
        assertThat(outcome.dnsAnswers()).containsOnly(Map.entry("storefront", newMaster), Map.entry("billing", newMaster));
        // Rows no longer add up to acknowledgements (the workload updates and deletes its rows too): lostWrites above
        // and rowDiffs compare what was acknowledged and what both servers hold, row by row.
        assertThat(outcome.rowsOnTarget()).as("the workload's rows on the target").isPositive();
        assertThat(outcome.oldMaster()).isEqualTo(oldMaster);
    }

    /** The server replicates from {@code master} with both threads running (a fresh I/O thread says Connecting first). */
    private void assertReplicates(DatabaseServer server, String master) {
        await("replica of " + master).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(replicaOf(server.connect(stack.accounts().admin()))).isEqualTo(master + " Yes Yes"));
    }

    /** "host io sql" of the server's replica configuration, read with its own connection. */
    private static String replicaOf(Connection connection) throws Exception {
        try (connection; Statement sql = connection.createStatement(); ResultSet status = sql.executeQuery("SHOW SLAVE STATUS")) {
            if (!status.next()) {
                return "not a replica";
            }
            return status.getString("Master_Host") + " " + status.getString("Slave_IO_Running") + " "
                    + status.getString("Slave_SQL_Running");
        }
    }
}
