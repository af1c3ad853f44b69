package io.handoff.planner.plan;

import static io.handoff.common.event.StepType.CAPTURE_POSITION;
import static io.handoff.common.event.StepType.FLUSH_TABLES;
import static io.handoff.common.event.StepType.KILL_CONNECTIONS;
import static io.handoff.common.event.StepType.READ_ONLY;
import static io.handoff.common.event.StepType.RESET_REPLICA;
import static io.handoff.common.event.StepType.REVERSE_REPLICATION;
import static io.handoff.common.event.StepType.START_REPLICATION;
import static io.handoff.common.event.StepType.STOP_REPLICA;
import static io.handoff.common.event.StepType.SWITCH_DNS;
import static io.handoff.common.event.StepType.WAIT_SYNC;
import static io.handoff.common.event.StepType.WRITABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.FactBinding;
import io.handoff.common.step.StepParameters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanCompilerTest {
    private final PlanValidator validator = new PlanValidator(Set.of("source", "target"));
    private final PlanCompiler compiler = new PlanCompiler();

    @Test
    void writableFirstMakesTheTargetWritableThenSwitchesTheApplicationsBeforeTouchingTheOldMasterAgain() {
        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(Plans.valid("writable-first")));

        assertThat(types(compiled)).containsExactly(FLUSH_TABLES, READ_ONLY, READ_ONLY, KILL_CONNECTIONS, FLUSH_TABLES,
                WAIT_SYNC, STOP_REPLICA, CAPTURE_POSITION, WRITABLE, SWITCH_DNS, SWITCH_DNS, RESET_REPLICA,
                REVERSE_REPLICATION, RESET_REPLICA);
        Map<String, Object> strategies = Map.of(StepParams.STRATEGY_READ_ONLY, "global", StepParams.STRATEGY_KILL, "kill");
        assertThat(compiled.steps().get(1).params()).isEqualTo(Map.of(StepParams.CLUSTER, "source", StepParams.STRATEGIES, strategies,
                StepParams.EXEMPT_USERS, List.of("auth"), StepParams.TARGET_CLUSTER, "target"));
        assertThat(compiled.steps().get(8).params()).isEqualTo(Map.of(StepParams.CLUSTER, "target", StepParams.STRATEGIES, strategies,
                StepParams.EXEMPT_USERS, List.of("auth")));
    }

    @Test
    void loweringTtlsRunsFirstAndRestoresWhatTheyHadLastFromItsFacts() {
        PlanRequest valid = Plans.valid("writable-first");
        PlanRequest.Flip flip = valid.flip();
        PlanRequest lowering = new PlanRequest("ttl", "source", "target", new PlanRequest.Flip(flip.order(), flip.readOnly(),
                flip.kill(), flip.exemptUsers(), flip.syncTimeout(), null, 60, null, null, true), null, null, valid.applications());

        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(lowering));

        assertThat(types(compiled)).containsExactly(StepType.LOWER_TTL, StepType.LOWER_TTL, FLUSH_TABLES, READ_ONLY, READ_ONLY,
                KILL_CONNECTIONS, FLUSH_TABLES, WAIT_SYNC, STOP_REPLICA, CAPTURE_POSITION, WRITABLE, SWITCH_DNS, SWITCH_DNS,
                RESET_REPLICA, REVERSE_REPLICATION, RESET_REPLICA, StepType.RESTORE_TTL, StepType.RESTORE_TTL);
        assertThat(compiled.steps().get(1).params()).isEqualTo(Map.of(StepParams.APPLICATION, "billing", StepParams.TTL, 1,
                StepParams.RECORDS, List.of(
                        Map.of(StepParams.RECORD_ZONE, "internal.example.", StepParams.RECORD_NAME, "db.billing.internal.example.",
                                StepParams.RECORD_TYPE, "A"),
                        Map.of(StepParams.RECORD_ZONE, "public.example.", StepParams.RECORD_NAME, "db.billing.public.example.",
                                StepParams.RECORD_TYPE, "A"))));
        PlannedStep restore = compiled.steps().get(17);
        assertThat(restore.params()).isEqualTo(Map.of(StepParams.APPLICATION, "billing"));
        assertThat(restore.bindings()).containsExactly(FactBinding.oldTtls(compiled.steps().get(1).stepId()));
        assertThat(compiled.fences()).as("the TTL steps are in no fence").noneMatch(fence -> fence.stream()
                .anyMatch(id -> id.contains("ttl")));
        assertThat(types(compiler.compile(validator.validate(valid)))).as("not asked: no TTL step")
                .doesNotContain(StepType.LOWER_TTL, StepType.RESTORE_TTL);
    }

    @Test
    void aPlanThatPreparesLowersTtlsRightAfterPrecheckSoThatARefusedPrecheckChangesNothing() {
        PlanRequest whole = Plans.whole("p", null, null);
        PlanRequest.Flip lowering = new PlanRequest.Flip(null, null, null, List.of(), null, null, null, null, null, true);
        PlanRequest request = new PlanRequest("p", "source", "target", List.of("prepare", "flip"), whole.prepare(), lowering,
                whole.gates(), null, whole.applications());

        List<StepType> types = types(compiler.compile(validator.validate(request)));

        assertThat(types.subList(0, 4)).containsExactly(StepType.PRECHECK, StepType.LOWER_TTL, StepType.LOWER_TTL,
                StepType.RETAIN_BINLOG);
        assertThat(types.subList(types.size() - 2, types.size())).containsExactly(StepType.RESTORE_TTL, StepType.RESTORE_TTL);
    }

    @Test
    void dnsFirstSwitchesDnsRightAfterCapturingThePosition() {
        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(Plans.valid("dns-first")));

        assertThat(types(compiled)).containsExactly(FLUSH_TABLES, READ_ONLY, READ_ONLY, KILL_CONNECTIONS, FLUSH_TABLES,
                WAIT_SYNC, STOP_REPLICA, CAPTURE_POSITION, SWITCH_DNS, SWITCH_DNS, WRITABLE, RESET_REPLICA,
                REVERSE_REPLICATION, RESET_REPLICA);
    }

    @Test
    void fromTheOldMastersReadOnlyOnTheSqlStepsGoOutAsFencesAndTheApplicationsSwitchesAsOneCommand() {
        PlanCompiler.Compiled writableFirst = compiler.compile(validator.validate(Plans.valid("writable-first")));
        PlanCompiler.Compiled dnsFirst = compiler.compile(validator.validate(Plans.valid("dns-first")));

        assertThat(writableFirst.fences()).as("READ_ONLY(A) .. WRITABLE(B), the switches, RESET_REPLICA(A) .. RESET_REPLICA(B)")
                .containsExactly(ids(writableFirst, 1, 9), ids(writableFirst, 9, 11), ids(writableFirst, 11, 14));
        assertThat(dnsFirst.fences()).containsExactly(ids(dnsFirst, 1, 8), ids(dnsFirst, 8, 10), ids(dnsFirst, 10, 14));
        PlanCompiler.Compiled checked = compiler.compile(validator.validate(Plans.withHealthChecks("p", null, null,
                "http://storefront.internal/health", null)));
        assertThat(checked.fences()).as("a health check between two switches keeps them apart").noneMatch(fence ->
                fence.stream().anyMatch(id -> id.contains("switch-dns")));
    }

    @Test
    void aGatedReadOnlyBeginsTheFenceAndThePhasesAroundTheFlipHaveNone() {
        PlanRequest valid = Plans.valid(null);
        PlanCompiler.Compiled gated = compiler.compile(validator.validate(new PlanRequest("gated", "source", "target",
                valid.flip(), new PlanRequest.Gates(500, "1m"), null, valid.applications())));

        assertThat(gated.steps().get(2).gate()).as("READ_ONLY(A) waits for the lag gate").isNotNull();
        assertThat(gated.fences()).hasSize(3).first().satisfies(fence -> assertThat(fence.get(0))
                .isEqualTo(gated.steps().get(2).stepId()));
        assertThat(gated.fences()).flatExtracting(fence -> fence).as("START_MONITOR and STOP_MONITOR are the monitor's")
                .doesNotContain(gated.steps().get(0).stepId(), gated.steps().get(gated.steps().size() - 1).stepId());
    }

    private static List<String> ids(PlanCompiler.Compiled compiled, int from, int to) {
        return compiled.steps().subList(from, to).stream().map(PlannedStep::stepId).toList();
    }

    @Test
    void reverseReplicationTakesThePositionTheCaptureReported() {
        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(Plans.valid(null)));
        PlannedStep capture = compiled.steps().get(7);
        PlannedStep reverse = compiled.steps().get(12);

        assertThat(reverse.params()).containsEntry(StepParams.CLUSTER, "source").containsEntry(StepParams.SOURCE_CLUSTER, "target");
        assertThat(reverse.bindings()).containsExactly(FactBinding.position(capture.stepId()));
    }

    @Test
    void switchDnsCarriesEveryRecordOfItsApplicationWithBothValues() {
        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(Plans.valid(null)));
        PlannedStep billing = compiled.steps().get(10);

        assertThat(billing.stepId()).isEqualTo("11-switch-dns-billing");
        assertThat(billing.params().get(StepParams.APPLICATION)).isEqualTo("billing");
        assertThat((List<?>) billing.params().get(StepParams.RECORDS)).hasSize(2).first().isEqualTo(Map.of(
                "zone", "internal.example.", "name", "db.billing.internal.example.", "type", "A", "ttl", 1,
                "value", "127.0.0.3", "previousValue", "127.0.0.2"));
        assertThat(compiled.rollback().params()).containsEntry(StepParams.CLUSTER, "source")
                .containsEntry(StepParams.TARGET_CLUSTER, "target");
    }

    @Test
    void replicationIsEncryptedUnlessThePlanAsksForPlainReplication() {
        PlanRequest whole = Plans.whole("p", null, null);
        PlanRequest plain = new PlanRequest(whole.name(), whole.source(), whole.target(), whole.phases(), whole.prepare(),
                whole.flip(), whole.gates(), whole.approvals(), whole.applications(), new PlanRequest.Replication(false));

        PlanCompiler.Compiled encrypted = compiler.compile(validator.validate(whole));
        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(plain));

        assertThat(encrypted.steps()).allSatisfy(step -> assertThat(step.params()).doesNotContainKey(StepParams.REPLICATION_SSL));
        assertThat(encrypted.rollback().params()).doesNotContainKey(StepParams.REPLICATION_SSL);
        assertThat(compiled.steps()).filteredOn(step -> step.type() == START_REPLICATION || step.type() == REVERSE_REPLICATION)
                .hasSize(2).allSatisfy(step -> assertThat(step.params()).containsEntry(StepParams.REPLICATION_SSL, false));
        assertThat(compiled.steps()).filteredOn(step -> step.type() != START_REPLICATION && step.type() != REVERSE_REPLICATION)
                .allSatisfy(step -> assertThat(step.params()).doesNotContainKey(StepParams.REPLICATION_SSL));
        assertThat(compiled.rollback().params()).containsEntry(StepParams.REPLICATION_SSL, false);
    }

    @Test
    void theFlipsMaximumTtlGoesWithEverySwitch() {
        PlanRequest valid = Plans.valid(null);
        PlanRequest request = new PlanRequest("p", "source", "target",
                new PlanRequest.Flip(null, null, null, null, null, null, 60), null, null, valid.applications());

        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(request));

        assertThat(compiled.steps()).filteredOn(s -> s.type() == SWITCH_DNS)
                .allSatisfy(s -> assertThat(s.params()).containsEntry(StepParams.MAX_TTL_SECONDS, 60));
    }

    @Test
    void theStrategiesGoWithEveryStepThatFencesKillsOrLiftsTheFence() {
        PlanRequest valid = Plans.valid(null);
        PlanRequest request = new PlanRequest("p", "source", "target",
                new PlanRequest.Flip(null, "account-lock", "per-user", List.of("auth"), null, null, null), null, null,
                valid.applications());

        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(request));

        Map<String, Object> strategies = Map.of(StepParams.STRATEGY_READ_ONLY, "account-lock", StepParams.STRATEGY_KILL, "per-user");
        assertThat(compiled.steps()).filteredOn(s -> Set.of(READ_ONLY, KILL_CONNECTIONS, WRITABLE, WAIT_SYNC, CAPTURE_POSITION,
                        REVERSE_REPLICATION).contains(s.type()))
                .hasSize(7).allSatisfy(s -> assertThat(s.params()).containsEntry(StepParams.STRATEGIES, strategies)
                        .containsEntry(StepParams.EXEMPT_USERS, List.of("auth")));
        assertThat(compiled.steps()).filteredOn(s -> s.type() == FLUSH_TABLES || s.type() == SWITCH_DNS)
                .allSatisfy(s -> assertThat(s.params()).doesNotContainKey(StepParams.STRATEGIES));
        assertThat(compiled.rollback().params()).containsEntry(StepParams.STRATEGIES, strategies);
    }

    @Test
    void aLagGateStartsTheMonitorFirstAndStopsItAfterTheLastSwitch() {
        PlanRequest valid = Plans.valid("writable-first");
        PlanRequest request = new PlanRequest("p", "source", "target", valid.flip(), new PlanRequest.Gates(500, null), null,
                valid.applications());

        List<StepType> types = types(compiler.compile(validator.validate(request)));

        assertThat(types.get(0)).isEqualTo(StepType.START_MONITOR);
        assertThat(types.get(types.size() - 1)).isEqualTo(StepType.STOP_MONITOR);
        assertThat(types.subList(1, types.size() - 1)).doesNotContain(StepType.START_MONITOR, StepType.STOP_MONITOR)
                .endsWith(SWITCH_DNS, SWITCH_DNS, RESET_REPLICA, REVERSE_REPLICATION, RESET_REPLICA);
    }

    @Test
    void aFlipOnlyPlanCompilesToFourteenStepsNumberedInOrder() {
        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(Plans.valid("writable-first")));

        assertThat(compiled.steps()).extracting(PlannedStep::stepId).containsExactly("01-flush-tables-source",
                "02-read-only-source", "03-read-only-target", "04-kill-connections-source", "05-flush-tables-source",
                "06-wait-sync-target", "07-stop-replica-target", "08-capture-position-target", "09-writable-target",
                "10-switch-dns-storefront", "11-switch-dns-billing", "12-reset-replica-source", "13-reverse-replication-source",
                "14-reset-replica-target");
        assertThat(compiled.steps()).extracting(PlannedStep::phase).containsOnly(Phase.FLIP);
    }

    @Test
    void thePreparePhaseSeedsReplicatesWaitsAndVerifiesBeforeTheFlipAndTheMonitorRunsUntilTheEnd() {
        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(Plans.whole("whole", "30s", List.of("shop.audit"))));

        assertThat(types(compiled)).containsExactly(StepType.PRECHECK, StepType.RETAIN_BINLOG, StepType.SEED,
                StepType.START_REPLICATION, StepType.START_MONITOR, StepType.WAIT_CAUGHT_UP, StepType.VERIFY,
                FLUSH_TABLES, READ_ONLY, READ_ONLY, KILL_CONNECTIONS, FLUSH_TABLES, WAIT_SYNC, STOP_REPLICA, CAPTURE_POSITION,
                WRITABLE, SWITCH_DNS, SWITCH_DNS, RESET_REPLICA, REVERSE_REPLICATION, RESET_REPLICA, StepType.STOP_MONITOR);
        assertThat(compiled.steps().subList(0, 7)).extracting(PlannedStep::phase).containsOnly(Phase.PREPARE);
        assertThat(compiled.steps().subList(7, 22)).extracting(PlannedStep::phase).containsOnly(Phase.FLIP);
        List<PlannedStep> steps = compiled.steps();
        Map<String, Object> strategies = Map.of(StepParams.STRATEGY_READ_ONLY, "global", StepParams.STRATEGY_KILL, "kill");
        assertThat(steps.get(0).params()).isEqualTo(Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER, "source",
                StepParams.STRATEGIES, strategies, StepParams.SCHEMAS, List.of("shop")));
        assertThat(steps.get(1).parameters()).isEqualTo(new StepParameters.RetainBinlog("source", 172_800L));
        assertThat(steps.get(2).params()).isEqualTo(Map.of(StepParams.CLUSTER, "target", StepParams.SOURCE_CLUSTER, "source",
                StepParams.SEED_METHOD, "mysqldump", StepParams.SCHEMAS, List.of("shop")));
        assertThat(steps.get(3).bindings()).containsExactly(FactBinding.position("03-seed-target"));
        assertThat(steps.get(5).stepId()).isEqualTo("06-wait-caught-up-target");
        assertThat(steps.get(5).decidedByPlanner()).isTrue();
        assertThat(steps.get(5).gate().caughtUp()).isEqualTo(new FlipPlan.CaughtUp(500, java.time.Duration.ofSeconds(30),
                java.time.Duration.ofHours(1)));
        assertThat(steps.get(6).params()).containsEntry(StepParams.SCHEMAS, List.of("shop"));
        assertThat(steps.get(8).stepId()).isEqualTo("09-read-only-source");
        assertThat(steps.get(8).gate().lag()).as("the lag is checked again right before READ_ONLY").isNotNull();
        assertThat(steps).filteredOn(PlannedStep::decidedByPlanner).hasSize(1);
    }

    @Test
    void aPrepareOnlyPlanStopsTheMonitorAtItsEndAndFencesNothing() {
        PlanRequest request = new PlanRequest("prepare-only", "source", "target", List.of("prepare"),
                new PlanRequest.Prepare(null, null, new PlanRequest.Seed("external", null, "0-1-42"), false,
                        new PlanRequest.Strategies("account-lock", "per-user")),
                null, new PlanRequest.Gates(200, null, "10s", "5m", null), null, null);

        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(request));

        assertThat(types(compiled)).containsExactly(StepType.PRECHECK, StepType.RETAIN_BINLOG, StepType.SEED,
                StepType.START_REPLICATION, StepType.START_MONITOR, StepType.WAIT_CAUGHT_UP, StepType.STOP_MONITOR);
        assertThat(compiled.steps().get(0).params()).containsEntry(StepParams.STRATEGIES, Map.of(
                StepParams.STRATEGY_READ_ONLY, "account-lock", StepParams.STRATEGY_KILL, "per-user")).doesNotContainKey(StepParams.SCHEMAS);
        assertThat(compiled.steps().get(1).parameters()).isEqualTo(new StepParameters.RetainBinlog("source", 7L * 24 * 3600));
        assertThat(compiled.steps().get(2).params()).containsEntry(StepParams.SEED_METHOD, "external")
                .containsEntry(StepParams.POSITION, "0-1-42");
    }

    @Test
    void aSnapshotOfTheSourceIsTakenOutsideTheWriteBlockedWindowBeforeReverseReplicationChangesIt() {
        PlanRequest valid = Plans.valid(null);
        PlanRequest request = new PlanRequest("p", "source", "target",
                new PlanRequest.Flip(null, null, null, null, null, null, null, true), null, null, valid.applications());

        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(request));

        assertThat(types(compiled).subList(8, 13)).containsExactly(WRITABLE, SWITCH_DNS, SWITCH_DNS, StepType.SNAPSHOT,
                RESET_REPLICA);
        assertThat(compiled.steps().get(11).params()).isEqualTo(Map.of(StepParams.CLUSTER, "source"));
        assertThat(compiled.steps()).hasSize(15);
    }

    @Test
    void aHealthCheckFollowsTheSwitchOfEachApplicationThatNamesOneAndThePlannerDecidesIt() {
        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(Plans.withHealthChecks("p", null, null,
                "http://storefront.internal/health", null)));

        assertThat(compiled.steps()).extracting(PlannedStep::stepId).endsWith("12-reset-replica-target",
                "13-switch-dns-storefront", "14-check-health-storefront", "15-switch-dns-billing");
        PlannedStep check = compiled.steps().get(13);
        assertThat(check.type()).isEqualTo(StepType.CHECK_HEALTH);
        assertThat(check.decidedByPlanner()).isTrue();
        assertThat(check.params()).isEqualTo(Map.of(StepParams.APPLICATION, "storefront",
                StepParams.HEALTH_CHECK_URL, "http://storefront.internal/health", StepParams.TIMEOUT_MS, 120_000));

        PlanCompiler.Compiled dnsFirst = compiler.compile(validator.validate(Plans.withHealthChecks("p", null, "30s",
                "http://storefront.internal/health", "https://billing.internal/ready")));
        assertThat(types(dnsFirst).subList(12, 16)).containsExactly(SWITCH_DNS, StepType.CHECK_HEALTH, SWITCH_DNS,
                StepType.CHECK_HEALTH);
        assertThat(dnsFirst.steps().get(15).params()).containsEntry(StepParams.TIMEOUT_MS, 30_000);
    }

    @Test
    void theAfterPhaseWaitsForThePointOfNoReturnThenDecommissionsTheSourceAndLeavesTheFlipAsItWas() {
        PlanCompiler.Compiled flipOnly = compiler.compile(validator.validate(Plans.valid(null)));
        PlanCompiler.Compiled retiring = compiler.compile(validator.validate(Plans.retiring("p")));

        assertThat(retiring.steps().subList(0, 14)).isEqualTo(flipOnly.steps());
        assertThat(retiring.steps()).extracting(PlannedStep::stepId).endsWith("14-reset-replica-target",
                "15-point-of-no-return-source", "16-decommission-source");
        PlannedStep pointOfNoReturn = retiring.steps().get(14);
        assertThat(pointOfNoReturn.type()).isEqualTo(RESET_REPLICA);
        assertThat(pointOfNoReturn.params()).isEqualTo(Map.of(StepParams.CLUSTER, "source"));
        assertThat(pointOfNoReturn.gate().approval()).isEqualTo(StepGate.POINT_OF_NO_RETURN_APPROVAL);
        assertThat(retiring.pointOfNoReturn()).isSameAs(pointOfNoReturn);
        assertThat(retiring.steps().subList(14, 16)).extracting(PlannedStep::phase).containsOnly(Phase.AFTER);
        assertThat(retiring.steps().get(15).type()).isEqualTo(StepType.DECOMMISSION);
        assertThat(retiring.steps().get(15).params()).isEqualTo(Map.of(StepParams.CLUSTER, "source", StepParams.STRATEGIES,
                Map.of(StepParams.STRATEGY_READ_ONLY, "global", StepParams.STRATEGY_KILL, "kill"), StepParams.EXEMPT_USERS,
                List.of("auth")));
        assertThat(flipOnly.pointOfNoReturn().stepId()).isEqualTo("point-of-no-return");
    }

    @Test
    void theCleanupStopsTheMonitorWithTheFinalStopsParams() {
        PlanCompiler.Compiled compiled = compiler.compile(validator.validate(Plans.whole("whole", "30s", null)));

        assertThat(compiled.cleanup().type()).isEqualTo(StepType.STOP_MONITOR);
        assertThat(compiled.cleanup().params()).isEqualTo(compiled.steps().get(compiled.steps().size() - 1).params());
    }

    private static List<StepType> types(PlanCompiler.Compiled compiled) {
        return compiled.steps().stream().map(PlannedStep::type).toList();
    }
}
