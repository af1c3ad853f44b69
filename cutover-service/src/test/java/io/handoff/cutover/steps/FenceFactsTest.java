package io.handoff.cutover.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepFacts;
import io.handoff.cutover.rds.RdsTarget;
import io.handoff.cutover.rds.SecurityGroupSwap;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What READ_ONLY, WRITABLE and KILL_CONNECTIONS report under each read-only strategy, as their events carry it: one flat
 * object with the fact names readers look up (the demo, the CLI, the ITs), the parts the records share unwrapped, and
 * nothing for what a strategy does not do. Read back as the record, the same facts.
 */
class FenceFactsTest {
    private static final Instant SWAPPED = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant FENCED = Instant.parse("2026-01-02T03:04:06Z");
    private static final RdsTarget TARGET = new RdsTarget("target", "aurora-main", "us-east-1", List.of("sg-app"),
            "sg-restricted", null);

    @Test
    void readOnlyUnderGlobalReportsTheSwitchOnly() {
        WriteFence.Closed closed = new WriteFence.Closed(true, FENCED, null, null, null);

        assertThat(readBack(StepType.READ_ONLY, ReadOnlyHandler.facts(closed, null, List.of())))
                .isEqualTo(Map.of("alreadyApplied", true, "confirmedAt", FENCED.toString()));
    }

    @Test
    void readOnlyUnderAccountLockReportsTheLocksAndTheSessionsKilled() {
        AccountLock.Outcome locked = new AccountLock.Outcome(List.of("'app'@'%'", "'shop'@'10.%'"), List.of("'app'@'%'"),
                Set.of("app", "shop"), true, false);
        WriteFence.Closed closed = new WriteFence.Closed(false, FENCED, locked, report(3, "app", "shop"), null);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("alreadyApplied", false);
        expected.put("confirmedAt", FENCED.toString());
        expected.put("heartbeatFenced", true);
        expected.put("lockedAccounts", List.of("'app'@'%'", "'shop'@'10.%'"));
        expected.put("locksBinlogged", true);
        expected.put("killed", 3);
        expected.put("killedUsers", List.of("app", "shop"));
        assertThat(readBack(StepType.READ_ONLY, ReadOnlyHandler.facts(closed, true, List.of()))).isEqualTo(expected);
    }

    @Test
    void readOnlyOfAReplicaHeldByItsOwnSwitchUnderAccountLockSaysSo() {
        AccountLock.Outcome held = new AccountLock.Outcome(List.of(), List.of(), Set.of(), false, true);
        WriteFence.Closed closed = new WriteFence.Closed(true, FENCED, held, report(0), null);

        assertThat(readBack(StepType.READ_ONLY, ReadOnlyHandler.facts(closed, null, List.of()))).containsEntry("replicaReadOnly", true)
                .containsEntry("lockedAccounts", List.of()).containsEntry("killed", 0).doesNotContainKey("heartbeatFenced");
    }

    @Test
    void readOnlyUnderSecurityGroupSwapReportsTheSwapFlatAndItsOwnConfirmationAfterTheKill() {
        SecurityGroupSwap.Outcome swapped = new SecurityGroupSwap.Outcome(TARGET, false, List.of("sg-app"),
                List.of("sg-restricted"), 1500, SWAPPED);
        WriteFence.Closed closed = new WriteFence.Closed(false, FENCED, null, report(1, "app"), swapped);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("alreadyApplied", false);
        expected.put("confirmedAt", FENCED.toString());
        expected.put("killed", 1);
        expected.put("killedUsers", List.of("app"));
        expected.put("rdsCluster", "aurora-main");
        expected.put("previousSecurityGroups", List.of("sg-app"));
        expected.put("securityGroups", List.of("sg-restricted"));
        expected.put("securityGroupsConfirmedAt", SWAPPED.toString());
        expected.put("waitedMs", 1500);
        assertThat(readBack(StepType.READ_ONLY, ReadOnlyHandler.facts(closed, null, List.of()))).isEqualTo(expected);
    }

    @Test
    void writableReportsTheUnlocksOrTheSwapBack() {
        AccountLock.Outcome unlocked = new AccountLock.Outcome(List.of("'app'@'%'"), List.of(), Set.of("app"), false, false);
        assertThat(readBack(StepType.WRITABLE, WritableHandler.facts(new WriteFence.Opened(true, FENCED, unlocked, null), List.of(), null)))
                .isEqualTo(Map.of("alreadyApplied", true, "confirmedAt", FENCED.toString(),
                        "unlockedAccounts", List.of("'app'@'%'"), "locksBinlogged", false));

        SecurityGroupSwap.Outcome restored = new SecurityGroupSwap.Outcome(TARGET, true, List.of("sg-app"), List.of("sg-app"),
                0, SWAPPED);
        assertThat(readBack(StepType.WRITABLE, WritableHandler.facts(new WriteFence.Opened(true, SWAPPED, null, restored), List.of(), null)))
                .isEqualTo(Map.of("alreadyApplied", true, "confirmedAt", SWAPPED.toString(), "rdsCluster", "aurora-main",
                        "previousSecurityGroups", List.of("sg-app"), "securityGroups", List.of("sg-app"),
                        "securityGroupsConfirmedAt", SWAPPED.toString(), "waitedMs", 0));
    }

    @Test
    void theEventsAFlipMovedAreNamedAndMakeTheStepAChange() {
        WriteFence.Closed closed = new WriteFence.Closed(true, FENCED, null, null, null);
        assertThat(readBack(StepType.READ_ONLY, ReadOnlyHandler.facts(closed, true, List.of("shop.hourly"))))
                .isEqualTo(Map.of("alreadyApplied", false, "confirmedAt", FENCED.toString(), "heartbeatFenced", true,
                        "eventsDisabled", List.of("shop.hourly")));

        WriteFence.Opened opened = new WriteFence.Opened(true, FENCED, null, null);
        assertThat(readBack(StepType.WRITABLE, WritableHandler.facts(opened, List.of("shop.hourly"), null)))
                .isEqualTo(Map.of("alreadyApplied", false, "confirmedAt", FENCED.toString(), "eventsEnabled",
                        List.of("shop.hourly")));
        assertThat(readBack(StepType.WRITABLE, WritableHandler.facts(opened, List.of(), "not enabled")))
                .isEqualTo(Map.of("alreadyApplied", true, "confirmedAt", FENCED.toString(), "eventsWarning", "not enabled"));
    }

    @Test
    void killConnectionsAndTheReplicasHoldAreFlatToo() {
        assertThat(readBack(StepType.KILL_CONNECTIONS, new CutoverFacts.KillConnections(report(2, "app").facts())))
                .isEqualTo(Map.of("killed", 2, "killedUsers", List.of("app")));
        ReplicaReadOnly.Held notHeld = new ReplicaReadOnly.Held(false, false, "target was left writable");
        assertThat(readBack(StepType.START_REPLICATION, new CutoverFacts.StartReplication(false, "0-1-5", notHeld.facts())))
                .isEqualTo(Map.of("alreadyApplied", false, "position", "0-1-5", "replicaReadOnly", false,
                        "warning", "target was left writable"));
    }

    private static SessionKiller.Report report(int killed, String... users) {
        return new SessionKiller.Report(killed, new TreeSet<>(List.of(users)));
    }

    /** The facts as the event carries them, after checking that the record reads them back the same. */
    private static Map<String, Object> readBack(StepType type, StepFacts facts) {
        Map<String, Object> sent = StepContracts.facts(facts);
        Class<? extends StepFacts> record = StepContracts.factsOf(type).orElseThrow();
        assertThat(StepContracts.facts(StepContracts.decodeFacts(type, sent, record))).as("read back").isEqualTo(sent);
        return sent;
    }
}
