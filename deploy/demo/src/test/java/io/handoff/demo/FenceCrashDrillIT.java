package io.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.handoff.demo.DrillRig.Flip;
import io.handoff.localstack.db.DatabaseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cutover-service killed with SIGKILL at each step of the fence (issue 17): the flip's SQL steps from the old
 * master's READ_ONLY on go to cutover-service as one FENCE command, and this drill stops the service at one point of
 * one step, kills it there and starts it again. The point is exact: the service runs with a failpoint file naming
 * {@code <step id>@before} (the step's STARTED event is out, its SQL not run) or {@code <step id>@after} (its SQL
 * ran, its outcome is not published); it pauses there and writes a marker, and the drill then kills it. The
 * restarted service gets the FENCE command again (it was never acknowledged), answers the steps it had finished from
 * its ledger, runs the interrupted step again and goes on. Each plan must end COMPLETED with docs/DESIGN.md's invariants
 * (no acknowledged write lost, none acknowledged by the old master after its fence, one writable server and never two
 * in the probes' samples, DNS on the new master, the old master replicating from it), or ROLLED_BACK with the old
 * master the only writable server and nothing lost. On the default stack (MariaDB), two applications writing.
 *
 * <p>The same failpoints, armed to pause only until the drill lets go, hang the old master's server (SIGSTOP for
 * 10 s, then SIGCONT) at an exact step of the fence: hung, not dead, its kernel still accepting connections and
 * statements that nothing answers. The same invariants must hold. And one drill kills the new master's server
 * before it caught up and starts it again 5 s later: that plan must end ROLLED_BACK (the old master writable again,
 * the new master its replica), the rollback riding out the rest of the outage.
 */
class FenceCrashDrillIT {
    /** executor-kit's Failpoints.UNTIL_RELEASED: pause at the point until the drill deletes the marker. */
    private static final String UNTIL_RELEASED = "until-released";
    /** How long a drill keeps the old master's server stopped (SIGSTOP). */
    private static final Duration HUNG = Duration.ofSeconds(10);
    /** How long a drill leaves a killed server down before starting it again on its data. */
    private static final Duration DOWN = Duration.ofSeconds(5);
    private static DrillRig rig;
    private static Path failpoints;

    @BeforeAll
    static void startEverything() throws Exception {
        failpoints = Files.createTempFile(Path.of("target").toAbsolutePath(), "fence-failpoints-", ".txt");
        rig = DrillRig.start("fence-crash-drills", Map.of("handoff.executor.failpoint.file", failpoints.toString()));
    }

    @AfterEach
    void disarmAndLeaveAHealthyStack() throws Exception {
        Files.writeString(failpoints, "");
        Files.deleteIfExists(marker());
        rig.cleanUp();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    /**
     * {@code points}, or only the one system property {@value #AT} names ({@code ./demo --drill NAME --at POINT}, the
     * point written with dashes: {@code WAIT_SYNC-target-before}); none when it names none of them.
     */
    private static Stream<String> chosen(String... points) {
        String at = System.getProperty(AT, "").trim();
        return Stream.of(points).filter(point -> at.isEmpty() || point.replace(' ', '-').equalsIgnoreCase(at));
    }

    /** The system property that picks one point of a parameterized drill. */
    static final String AT = "handoff.drill.at";

    /** Where in the fence: the step's type and the plan's side it acts on, and before or after its SQL. */
    static Stream<String> points() {
        return chosen("READ_ONLY source after", "READ_ONLY target after", "KILL_CONNECTIONS source after",
                "FLUSH_TABLES source after", "WAIT_SYNC target before", "WAIT_SYNC target after", "STOP_REPLICA target after",
                "CAPTURE_POSITION target after", "WRITABLE target before", "WRITABLE target after",
                "RESET_REPLICA source after", "REVERSE_REPLICATION source after", "RESET_REPLICA target after");
    }

    @ParameterizedTest(name = "kill -9 cutover-service at {0}")
    @MethodSource("points")
    void cutoverServiceKilledInsideTheFenceEndsWithOneWritableMasterAndNothingLost(String point) throws Exception {
        String[] parts = point.split(" ");
        Instant began = Instant.now();
        Flip flip = rig.nextFlip();
        String stepId = fenceStep(rig.steps(flip, "writable-first"), parts[0], parts[1]);
        Files.writeString(failpoints, stepId + "@" + parts[2] + "\n");
        try (WritableMastersWatch watch = rig.watch()) {
            String planId = rig.submit(flip, "writable-first");
            await("cutover-service paused at " + stepId + "@" + parts[2]).atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(marker()));
            Files.writeString(failpoints, "");
            assertThat(rig.services().get(HandoffService.CUTOVER).kill()).as("exit status of kill -9").isEqualTo(137);
            Files.deleteIfExists(marker());
            rig.services().get(HandoffService.CUTOVER).restart(DrillRig.READY);

            rig.assertDrillEnded("kill -9 cutover-service at " + stepId + "@" + parts[2], planId, flip, watch, began);
        }
    }

    /** Where in the fence the busy one of two cutover-service instances is killed. */
    static Stream<String> twoInstancePoints() {
        return chosen("KILL_CONNECTIONS source after", "WRITABLE target after");
    }

    /**
     * Two instances of cutover-service in one consumer group; the one that took the FENCE command is killed with SIGKILL
     * at {@code point} and not started again: the other one, idle until then, gets the command after the group's
     * session timeout, answers the steps the dead one finished from the ledger it keeps from the step events, runs
     * the rest, and the plan must end with the same invariants as with one instance.
     */
    @ParameterizedTest(name = "kill -9 the busy one of two cutover-service instances at {0}")
    @MethodSource("twoInstancePoints")
    void oneOfTwoCutoverInstancesKilledInsideTheFenceTheOtherFinishesIt(String point) throws Exception {
        String[] parts = point.split(" ");
        Path otherFailpoints = Files.createTempFile(Path.of("target").toAbsolutePath(), "fence-failpoints-other-", ".txt");
        Path otherMarker = otherFailpoints.resolveSibling(otherFailpoints.getFileName() + ".reached");
        ServiceProcess first = rig.services().get(HandoffService.CUTOVER);
        ServiceProcess other = rig.services().startAnother(HandoffService.CUTOVER,
                Path.of(System.getProperty("handoff.repository", "../..")),
                Map.of("handoff.executor.failpoint.file", otherFailpoints.toString()));
        try {
            Instant began = Instant.now();
            Flip flip = rig.nextFlip();
            String stepId = fenceStep(rig.steps(flip, "writable-first"), parts[0], parts[1]);
            Files.writeString(failpoints, stepId + "@" + parts[2] + "\n");
            Files.writeString(otherFailpoints, stepId + "@" + parts[2] + "\n");
            try (WritableMastersWatch watch = rig.watch()) {
                String planId = rig.submit(flip, "writable-first");
                await("one cutover-service instance paused at " + stepId + "@" + parts[2]).atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(marker()) || Files.exists(otherMarker));
                Files.writeString(failpoints, "");
                Files.writeString(otherFailpoints, "");
                ServiceProcess busy = Files.exists(marker()) ? first : other;
                assertThat(busy.kill()).as("exit status of kill -9").isEqualTo(137);
                Files.deleteIfExists(marker());
                Files.deleteIfExists(otherMarker);

                rig.assertDrillEnded("kill -9 the busy one of two cutover-service instances (" + (busy == first ? "first"
                        : "second") + ") at " + stepId + "@" + parts[2], planId, flip, watch, began);
            }
        } finally {
            other.stop();
            Files.deleteIfExists(otherFailpoints);
            Files.deleteIfExists(otherMarker);
        }
    }

    /**
     * Where the old master hangs: a step of the fence (on the plan's source, the old master, or its target), before
     * its SQL. At READ_ONLY the fence's first statement meets a hung old master; at KILL_CONNECTIONS it hangs once
     * fenced; at WAIT_SYNC, STOP_REPLICA and WRITABLE it hangs while the new one catches up and takes over; at
     * REVERSE_REPLICATION it hangs after the new master became writable.
     */
    static Stream<String> hangPoints() {
        return chosen("READ_ONLY source before", "KILL_CONNECTIONS source before", "WAIT_SYNC target before",
                "STOP_REPLICA target before", "WRITABLE target before", "REVERSE_REPLICATION source before");
    }

    @ParameterizedTest(name = "old master hung (SIGSTOP) for 10 s at {0}")
    @MethodSource("hangPoints")
    void oldMasterHungInsideTheFenceEndsWithOneWritableMasterAndNothingLost(String point) throws Exception {
        faultInsideTheFence("old master hung (SIGSTOP) " + HUNG.toSeconds() + " s", point, Flip::from, server -> {
            server.freeze();
            try {
                Thread.sleep(HUNG.toMillis());
            } finally {
                server.thaw();
            }
        });
    }

    /**
     * The new master's server crashes (SIGKILL) before WAIT_SYNC, with the old master fenced, and is started again on
     * its data {@link #DOWN} later: longer than the flip's retries of a step that blocks writes (1 + 2 s by default),
     * so the plan must roll back, riding out the outage with the rollback's own, longer budget, and end with the old
     * master the only writable server again and the new master its replica.
     */
    @Test
    void newMasterKilledBeforeItCaughtUpRollsBackOnceItIsBackWithTheOldMasterWritableAgain() throws Exception {
        FlipOutcome outcome = faultInsideTheFence("new master killed (SIGKILL), back after " + DOWN.toSeconds() + " s",
                "WAIT_SYNC target before", Flip::to, server -> {
                    server.kill();
                    Thread.sleep(DOWN.toMillis());
                    server.startAfterKill();
                });

        assertThat(outcome.planStatus()).as("a fault the flip's retries cannot outlast: " + outcome.reason()).isEqualTo("ROLLED_BACK");
    }

    /**
     * The old master's server crashes (SIGKILL) once the new master is writable, before reverse replication, and is
     * started again on its data {@link #DOWN} later. It comes back read-only, as every server handoff flips is to be
     * configured ({@code read_only=ON} in its configuration; the stack's servers are): not a second writable master at
     * any moment, by the writable-overlap watch and the binlog census; reverse replication rides out the outage with its
     * retries and the plan completes with the old master a read-only replica of the new one.
     */
    @Test
    void oldMasterKilledAfterTheFenceComesBackReadOnlyAndTheFlipCompletes() throws Exception {
        Flip[] flipped = new Flip[1];
        FlipOutcome outcome = faultInsideTheFence("old master killed (SIGKILL) after the fence, back after " + DOWN.toSeconds()
                + " s", "REVERSE_REPLICATION source before", flip -> {
                    flipped[0] = flip;
                    return flip.from();
                }, server -> {
                    server.kill();
                    Thread.sleep(DOWN.toMillis());
                    server.startAfterKill();
                });

        assertThat(outcome.planStatus()).as(outcome.reason()).isEqualTo("COMPLETED");
        assertThat(rig.pair().writableClusters()).as("writable servers after the plan, read from both")
                .containsExactly(flipped[0].to());
    }

    /**
     * The new master's replication stops on an error inside the fence: before the plan, the new master gets a row of its
     * own (unlogged) and the old master then writes the same key, which the new master receives but does not apply (its
     * applier held); at WAIT_SYNC its applier is let go, meets the row and stops on the duplicate key (1062). WAIT_SYNC
     * must fail on that error, not hold the applications' writes for its whole timeout (60 s here), and the plan must
     * roll back: the old master the only writable server. Then the drill mends the new master's replication as an
     * operator would (its own row deleted, unlogged, the applier started) and checks the pair.
     */
    @Test
    void newMasterReplicationStoppedOnAnErrorInsideTheFenceRollsBackAtOnce() throws Exception {
        Instant began = Instant.now();
        Flip flip = rig.nextFlip();
        String stepId = fenceStep(rig.steps(flip, "writable-first"), "WAIT_SYNC", "target");
        String table = "drill_conflict.t";
        rig.pair().execute(flip.from(), "CREATE DATABASE IF NOT EXISTS drill_conflict");
        rig.pair().execute(flip.from(), "CREATE TABLE IF NOT EXISTS " + table + " (id INT PRIMARY KEY)");
        await("the new master has the table").atMost(Duration.ofSeconds(30))
                .until(() -> rig.pair().appliedWhatItReceived(flip.to()));
        rig.hold(flip.to());
        rig.pair().executeUnlogged(flip.to(), "INSERT INTO " + table + " VALUES (1)");
        rig.pair().execute(flip.from(), "INSERT INTO " + table + " VALUES (1)");
        Files.writeString(failpoints, stepId + "@before " + UNTIL_RELEASED + "\n");
        try (WritableMastersWatch watch = rig.watch()) {
            String planId = rig.submit(flip, "writable-first");
            await("cutover-service paused at " + stepId + "@before").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(marker()));
            Files.writeString(failpoints, "");
            rig.release(flip.to()); // the applier meets the row the new master already has
            Files.delete(marker());
            JsonNode ended = rig.services().planner().awaitEnd(planId, Duration.ofMinutes(3), view -> { });
            // The rollback starts B's replica of A again (it was stopped); its applier meets the row once more and stops:
            // read it once it has ("Yes 1062 ..." is that moment, the error of the run before not yet cleared).
            String applier = await("the new master's applier settled after the rollback restarted it")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> rig.pair().applier(flip.to()), state -> !state.matches("Yes [1-9].*"));
            rig.pair().holdApplying(flip.to());
            rig.pair().executeUnlogged(flip.to(), "DELETE FROM " + table + " WHERE id = 1");
            rig.pair().releaseApplying(flip.to());

            FlipOutcome outcome = rig.assertDrillEnded("new master's replication stopped on an error (1062) at " + stepId
                    + "@before", planId, flip, watch, began);

            assertThat(outcome.planStatus()).as(outcome.reason()).isEqualTo("ROLLED_BACK");
            assertThat(applier).as("the new master's applier after the plan, before the drill mended it").startsWith("No 1062");
            JsonNode waitSync = StreamSupport.stream(ended.path("steps").spliterator(), false)
                    .filter(step -> stepId.equals(step.path("stepId").asText())).findFirst().orElseThrow();
            assertThat(waitSync.toString()).as("WAIT_SYNC failed on the applier's error, not at its timeout")
                    .contains("replication stopped on an error").doesNotContain("timed out");
            assertThat(ended.path("rollback").path("facts").toString()).as("the rollback tells the operator B's replication still needs mending")
                    .contains("which had stopped on an error");
        } finally {
            for (String master : rig.pair().writableClusters()) {
                rig.pair().execute(master, "DROP DATABASE IF EXISTS drill_conflict");
            }
        }
    }

    /** A fault done to one server of the pair. */
    interface ServerFault {
        void inject(DatabaseServer server) throws Exception;
    }

    /**
     * Pauses cutover-service at {@code point} ("TYPE side before|after"), injects {@code fault} into the server
     * {@code whose} names, lets the service go on against it, and checks the drill's end.
     */
    private static FlipOutcome faultInsideTheFence(String drill, String point, Function<Flip, String> whose, ServerFault fault)
            throws Exception {
        String[] parts = point.split(" ");
        Instant began = Instant.now();
        Flip flip = rig.nextFlip();
        String stepId = fenceStep(rig.steps(flip, "writable-first"), parts[0], parts[1]);
        Files.writeString(failpoints, stepId + "@" + parts[2] + " " + UNTIL_RELEASED + "\n");
        DatabaseServer server = rig.pair().server(whose.apply(flip));
        try (WritableMastersWatch watch = rig.watch()) {
            String planId = rig.submit(flip, "writable-first");
            await("cutover-service paused at " + stepId + "@" + parts[2]).atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(marker()));
            Files.writeString(failpoints, "");
            Files.delete(marker()); // cutover-service goes on, into the fault
            fault.inject(server);

            return rig.assertDrillEnded(drill + " at " + stepId + "@" + parts[2], planId, flip, watch, began);
        }
    }

    /**
     * The id of the fence's step of {@code type} on {@code side}: the first such step from the old master's READ_ONLY
     * on (the FLUSH_TABLES before it is not in the fence).
     */
    private static String fenceStep(JsonNode steps, String type, String side) {
        List<JsonNode> all = StreamSupport.stream(steps.spliterator(), false).toList();
        int readOnly = all.indexOf(all.stream().filter(s -> s.path("type").asText().equals("READ_ONLY")).findFirst().orElseThrow());
        return all.subList(readOnly, all.size()).stream()
                .filter(s -> s.path("type").asText().equals(type) && s.path("stepId").asText().endsWith("-" + side))
                .map(s -> s.path("stepId").asText()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " on the " + side + " in " + steps));
    }

    private static Path marker() {
        return failpoints.resolveSibling(failpoints.getFileName() + ".reached");
    }
}
