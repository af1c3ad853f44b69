package io.handoff.common.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.event.FenceSteps;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepType;
import io.handoff.common.step.StepParameters.Strategies;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepContractsTest {
    private static final Strategies STRATEGIES = new Strategies("read-only", "kill-all");
    private static final List<String> EXEMPT = List.of("admin", "repl");

    /** One sample of every step type's parameters, each with every optional component given. */
    private static final List<StepParameters> SAMPLES = List.of(
            new StepParameters.Precheck("target", "source", STRATEGIES, List.of("shop")),
            new StepParameters.RetainBinlog("source", 86_400),
            new StepParameters.Seed("target", "source", "parallel", List.of("shop"), null, null),
            new StepParameters.StartReplication("target", "source", false, "uuid:1-42", 60_000L),
            new StepParameters.StartMonitor("target", "source", 250L, 10_000L),
            new StepParameters.StopMonitor("target", "source"),
            new StepParameters.WaitCaughtUp("target", "source", 500, 5_000, 600_000),
            new StepParameters.Verify("target", "source", List.of("shop")),
            new StepParameters.FlushTables("source"),
            new StepParameters.ReadOnly("source", STRATEGIES, EXEMPT, "target"),
            new StepParameters.KillConnections("source", EXEMPT, STRATEGIES),
            new StepParameters.WaitSync("target", "source", 30_000L, STRATEGIES, EXEMPT),
            new StepParameters.Snapshot("source", List.of("shop")),
            new StepParameters.StopReplica("target"),
            new StepParameters.CapturePosition("target", "source", STRATEGIES, EXEMPT),
            new StepParameters.SwitchDns("storefront", List.of(new StepParameters.SwitchedRecord("example.com.",
                    "db.example.com.", "CNAME", 60, "b.example.com.", "a.example.com."), new StepParameters.SwitchedRecord(
                    "example.com.", "w.example.com.", "A", null, null, null, new StepParameters.Alias("Z1", "aurora.example.",
                    true), "blue", 10L, null, List.of("10.0.0.1"))), 300L),
            new StepParameters.Writable("target", STRATEGIES, EXEMPT),
            new StepParameters.ResetReplica("source"),
            new StepParameters.ReverseReplication("source", "target", STRATEGIES, EXEMPT, false, "uuid:1-43"),
            new StepParameters.Rollback("source", "target", EXEMPT, STRATEGIES, false, 60_000L),
            new StepParameters.FlipBack("storefront", StepContracts.decodeFacts(StepType.SWITCH_DNS, Map.of("application",
                    "storefront", "oldValues", Map.of("db.example.com. CNAME", "a.example.com."), "alreadyApplied", false),
                    DnsFacts.SwitchDns.class)),
            new StepParameters.LowerTtl("storefront", List.of(new StepParameters.NamedRecord("example.com.",
                    "db.example.com.", "CNAME")), 5),
            new StepParameters.RestoreTtl("storefront", List.of(new StepParameters.NamedRecord("example.com.",
                    "db.example.com.", "CNAME", "blue", 300L))),
            new StepParameters.Decommission("source", STRATEGIES, EXEMPT),
            new StepParameters.CheckHealth("storefront", "http://storefront/health", 30_000),
            new StepParameters.Fence(List.of(
                    new FenceSteps.Step("08-capture", new StepParameters.CapturePosition("target", "source", STRATEGIES, EXEMPT),
                            List.of(), 1),
                    new FenceSteps.Step("09-writable", new StepParameters.Writable("target", STRATEGIES, EXEMPT), List.of(), 2,
                            5_000),
                    new FenceSteps.Step("11-reverse", new StepParameters.ReverseReplication("source", "target", STRATEGIES,
                            EXEMPT, false, null), List.of(FactBinding.position("08-capture")), 1))),
            new StepParameters.DnsSwitches(List.of(new FenceSteps.Step("10-switch-dns-storefront",
                    new StepParameters.SwitchDns("storefront", List.of(new StepParameters.SwitchedRecord("example.com.",
                            "db.example.com.", "CNAME", 60, "b.example.com.", "a.example.com.")), null), List.of(), 1))));

    @Test
    void everyStepTypeHasTheRecordOfItsParameters() {
        for (StepType type : StepType.values()) {
            StepParameters sample = SAMPLES.stream().filter(s -> s.type() == type).findFirst().orElseThrow(
                    () -> new AssertionError("no sample of " + type));
            assertThat(StepContracts.parametersOf(type)).as(type.name()).isEqualTo(sample.getClass());
        }
    }

    @Test
    void everyRecordOfParametersIsPairedWithTheStepTypeItReports() {
        for (Class<?> record : StepParameters.class.getPermittedSubclasses()) {
            StepType type = StepContracts.typeOf(record);
            assertThat(StepContracts.parametersOf(type)).as(record.getSimpleName()).isEqualTo(record);
        }
        assertThat(SAMPLES).allSatisfy(sample -> assertThat(StepContracts.parametersOf(sample.type()))
                .isEqualTo(sample.getClass()));
    }

    @Test
    void recordsTravelAsTheParamsTheyAlwaysWereAndComeBackEqual() {
        for (StepParameters sample : SAMPLES) {
            Map<String, Object> params = StepContracts.params(sample);
            assertThat(StepContracts.decode(sample.type(), params)).as(sample.type().name()).isEqualTo(sample);
        }
        assertThat(StepContracts.params(SAMPLES.get(9))).containsExactly(Map.entry("cluster", "source"),
                Map.entry("strategies", Map.of("readOnly", "read-only", "kill", "kill-all")),
                Map.entry("exemptUsers", EXEMPT), Map.entry("targetCluster", "target"));
    }

    @Test
    void aComponentThatIsNullIsAbsentFromTheParams() {
        assertThat(StepContracts.params(new StepParameters.ReadOnly("target", STRATEGIES, EXEMPT, null)))
                .doesNotContainKey("targetCluster");
        assertThat(StepContracts.params(new StepParameters.StartReplication("target", "source", null, null, null)))
                .containsOnlyKeys("cluster", "sourceCluster");
    }

    @Test
    void aMissingOrBlankNameIsRefusedNamingIt() {
        assertThatThrownBy(() -> StepContracts.decode(StepType.FLUSH_TABLES, Map.of()))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("FLUSH_TABLES")
                .hasMessageContaining("cluster must not be blank");
        assertThatThrownBy(() -> StepContracts.decode(StepType.WAIT_SYNC, Map.of("cluster", "target", "sourceCluster", " ")))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("sourceCluster must not be blank");
        assertThatThrownBy(() -> StepContracts.decode(StepType.LOWER_TTL, Map.of("application", "storefront", "ttl", 5,
                "records", List.of(Map.of("zone", "example.com.", "name", "db.example.com.", "type", "CNAME"),
                        Map.of("zone", "example.com.", "type", "CNAME")))))
                .isInstanceOf(InvalidStepParametersException.class)
                .hasMessageStartingWith("LOWER_TTL params: records[1].name must not be blank");
    }

    @Test
    void aFenceTravelsAsItsStepsEachWithTheParamsOfItsOwnTypeAndItsBindingsByName() {
        StepParameters fence = SAMPLES.stream().filter(s -> s.type() == StepType.FENCE).findFirst().orElseThrow();
        Map<String, Object> params = StepContracts.params(fence);
        assertThat(params).containsOnlyKeys("steps");
        assertThat((List<?>) params.get("steps")).element(2).isEqualTo(Map.of("stepId", "11-reverse",
                "type", "REVERSE_REPLICATION", "params", StepContracts.params(((StepParameters.Fence) fence).steps().get(2)
                        .params()), "bindings", Map.of("position", Map.of("stepId", "08-capture", "fact", "position")),
                "attempt", 1));
        Map<String, Object> withAttachments = new LinkedHashMap<>(params);
        withAttachments.put("then", Map.of("stepId", "10-switch-dns-storefront"));
        assertThat(StepContracts.decode(StepType.FENCE, withAttachments)).as("attachments are read by their own readers")
                .isEqualTo(fence);
    }

    @Test
    void aCarriedStepWithParamsItsTypeDoesNotTakeIsRefusedNamingTheStepAndTheParam() {
        Map<String, Object> step = new LinkedHashMap<>(Map.of("stepId", "09-writable", "type", "WRITABLE",
                "params", Map.of("cluster", 7), "bindings", Map.of(), "attempt", 1));
        assertThatThrownBy(() -> StepContracts.decode(StepType.FENCE, Map.of("steps", List.of(step))))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("steps[0]")
                .hasMessageContaining("WRITABLE params: cluster is not of the right kind");
        step.put("params", Map.of("cluster", "target"));
        step.put("bindings", Map.of("cluster", Map.of("stepId", "08-capture", "fact", "position")));
        assertThatThrownBy(() -> StepContracts.decode(StepType.FENCE, Map.of("steps", List.of(step))))
                .isInstanceOf(InvalidStepParametersException.class)
                .hasMessageContaining("no step takes its param 'cluster' from a fact 'position'");
        assertThatThrownBy(() -> StepContracts.decode(StepType.DNS_SWITCHES, Map.of("steps", List.of())))
                .isInstanceOf(InvalidStepParametersException.class)
                .hasMessageContaining("steps must hold at least one step");
    }

    @Test
    void aMissingNumberIsRefusedNamingItRatherThanTakenAsZero() {
        assertThatThrownBy(() -> StepContracts.decode(StepType.LOWER_TTL, Map.of("application", "storefront",
                "records", List.of(Map.of("zone", "example.com.", "name", "db.example.com.", "type", "CNAME")))))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("LOWER_TTL params: ttl");
        assertThatThrownBy(() -> StepContracts.decode(StepType.RETAIN_BINLOG, Map.of("cluster", "source")))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("RETAIN_BINLOG params: retainSeconds");
    }

    @Test
    void aParamOfTheWrongKindIsRefusedNamingIt() {
        assertThatThrownBy(() -> StepContracts.decode(StepType.RETAIN_BINLOG,
                Map.of("cluster", "source", "retainSeconds", List.of(1, 2))))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("retainSeconds");
        Map<String, Object> records = new LinkedHashMap<>(StepContracts.params(SAMPLES.get(15)));
        records.put("records", List.of(Map.of("zone", "example.com.", "name", "db.example.com.", "type", "CNAME", "ttl", "soon",
                "value", "b.example.com.")));
        assertThatThrownBy(() -> StepContracts.decode(StepType.SWITCH_DNS, records))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("SWITCH_DNS params: records[0].ttl is not of the right kind");
    }

    @Test
    void noTextIsTakenForANumberNorAFractionForAWholeNumberNorANumberForAText() {
        for (Object bad : new Object[] {"100", 2.5, true}) {
            assertThatThrownBy(() -> StepContracts.decode(StepType.START_MONITOR,
                    Map.of("cluster", "target", "sourceCluster", "source", "intervalMs", bad)))
                    .as(String.valueOf(bad)).isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("intervalMs");
        }
        assertThatThrownBy(() -> StepContracts.decode(StepType.FLUSH_TABLES, Map.of("cluster", 5)))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("cluster");
        assertThatThrownBy(() -> StepContracts.decode(StepType.START_REPLICATION,
                Map.of("cluster", "target", "sourceCluster", "source", "replicationSsl", "no")))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("replicationSsl");
    }

    @Test
    void entriesTheRecordDoesNotNameAreLeftToTheirReaders() {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("cluster", "source", "announcements", List.of("x")));
        assertThat(StepContracts.decode(StepType.FLUSH_TABLES, params)).isEqualTo(new StepParameters.FlushTables("source"));
    }

    @Test
    void aCommandIsDecodedAsTheRecordItsHandlerExpects() {
        StepCommand command = StepCommand.issue("7c9e6679-7425-40de-944b-e07fc1f90ae7", "02-flush-tables-source",
                StepType.FLUSH_TABLES, Map.of("cluster", "source"), 1, Instant.parse("2030-01-01T00:00:00Z"), 3,
                Clock.systemUTC());
        assertThat(StepContracts.decode(command, StepParameters.FlushTables.class).cluster()).isEqualTo("source");
        assertThatThrownBy(() -> StepContracts.decode(command, StepParameters.StopReplica.class))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("not StopReplica");
        assertThatThrownBy(() -> StepContracts.decode(StepType.FENCE, Map.of()))
                .isInstanceOf(InvalidStepParametersException.class).hasMessageContaining("FENCE params: steps must not be null");
    }
}
