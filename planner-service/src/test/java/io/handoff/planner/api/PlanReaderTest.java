package io.handoff.planner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.handoff.common.event.StepType;
import io.handoff.planner.plan.FieldError;
import io.handoff.planner.plan.InvalidPlanException;
import io.handoff.planner.plan.PlanCompiler;
import io.handoff.planner.plan.PlanRequest;
import io.handoff.planner.plan.PlanValidator;
import io.handoff.planner.plan.PlannedStep;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whole plans as operators write them, in YAML and in JSON: read, validated and compiled the same way. */
class PlanReaderTest {
    static final String WHOLE_YAML = """
            name: shop-to-aurora
            source: source
            target: target
            phases: [prepare, flip]
            prepare:
              schemas: [shop]
              retainBinlog: 7d
              seed: { method: mysqldump }
            gates: { maxLagMs: 500, caughtUpFor: 30s, caughtUpTimeout: 1h, allowDriftIn: [shop.audit_log] }
            flip: { order: writable-first, exemptUsers: [auth], snapshot: true }
            applications:
              - name: storefront
                records:
                  - { zone: internal.example., name: db.storefront.internal.example., type: A, ttl: 1, source: 127.0.0.2, target: 127.0.0.3 }
            """;
    static final String WHOLE_JSON = """
            {"name": "shop-to-aurora", "source": "source", "target": "target", "phases": ["prepare", "flip"],
             "prepare": {"schemas": ["shop"], "retainBinlog": "7d", "seed": {"method": "mysqldump"}},
             "gates": {"maxLagMs": 500, "caughtUpFor": "30s", "caughtUpTimeout": "1h", "allowDriftIn": ["shop.audit_log"]},
             "flip": {"order": "writable-first", "exemptUsers": ["auth"], "snapshot": true},
             "applications": [{"name": "storefront", "records": [{"zone": "internal.example.",
                 "name": "db.storefront.internal.example.", "type": "A", "ttl": 1, "source": "127.0.0.2", "target": "127.0.0.3"}]}]}
            """;

    private final PlanValidator validator = new PlanValidator(Set.of("source", "target"));

    @Test
    void aWholePlanReadsTheSameFromYamlAndJsonAndCompilesPrepareBeforeTheFlip() {
        PlanRequest yaml = PlanReader.read(WHOLE_YAML, true);
        PlanRequest json = PlanReader.read(WHOLE_JSON, false);

        assertThat(yaml).isEqualTo(json);
        List<StepType> types = new PlanCompiler().compile(validator.validate(yaml)).steps().stream().map(PlannedStep::type).toList();
        assertThat(types.subList(0, 8)).containsExactly(StepType.PRECHECK, StepType.RETAIN_BINLOG, StepType.SEED,
                StepType.START_REPLICATION, StepType.START_MONITOR, StepType.WAIT_CAUGHT_UP, StepType.VERIFY, StepType.FLUSH_TABLES);
        assertThat(types).contains(StepType.SNAPSHOT).endsWith(StepType.RESET_REPLICA, StepType.STOP_MONITOR).hasSize(22);
    }

    @Test
    void everyUnknownFieldIsNamedWithItsPathInYamlAndJson() {
        String yaml = WHOLE_YAML.replace("seed: { method: mysqldump }", "seed: { methd: mysqldump }")
                .replace("caughtUpFor: 30s", "caughtUp: 30s")
                .replace("  - name: storefront\n    records:", "  - name: storefront\n    recrods: []\n    records:");

        assertThat(fields(yaml, true)).containsExactly("prepare.seed.methd", "gates.caughtUp", "applications[0].recrods");
        String json = WHOLE_JSON.replace("\"seed\": {\"method\"", "\"seed\": {\"methd\"").replace("\"phases\"", "\"phase\"");
        assertThat(fields(json, false)).containsExactly("phase", "prepare.seed.methd");
    }

    @Test
    void badDurationsPhasesAndSeedOptionsInYamlAreEachNamed() {
        String yaml = WHOLE_YAML.replace("phases: [prepare, flip]", "phases: [prepare, flip, later]")
                .replace("retainBinlog: 7d", "retainBinlog: a week")
                .replace("seed: { method: mysqldump }", "seed: { method: xtrabackup }")
                .replace("caughtUpFor: 30s", "caughtUpFor: -3s");

        InvalidPlanException refused = catchThrowableOfType(InvalidPlanException.class,
                () -> validator.validate(PlanReader.read(yaml, true)));

        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("phases[2]", "gates.caughtUpFor",
                "prepare.retainBinlog", "prepare.seed.logLine");
    }

    @Test
    void valuesAreNotCoercedAndAFieldGivenTwiceIsNamed() {
        assertThat(errors(WHOLE_JSON.replace("\"shop-to-aurora\"", "42"), false))
                .containsExactly(new FieldError("name", "must be text (a string in quotes)"));
        assertThat(errors(WHOLE_JSON.replace("\"ttl\": 1", "\"ttl\": 1.5"), false))
                .containsExactly(new FieldError("applications[0].records[0].ttl", "must be a whole number"));
        assertThat(errors(WHOLE_JSON.replace("\"snapshot\": true", "\"snapshot\": \"true\""), false))
                .containsExactly(new FieldError("flip.snapshot", "must be true or false"));
        assertThat(errors(WHOLE_JSON.replace("\"ttl\": 1", "\"ttl\": 1, \"ttl\": 2"), false)).extracting(FieldError::field)
                .containsExactly("applications[0].records[0].ttl");
        assertThat(errors(WHOLE_YAML.replace("name: shop-to-aurora", "name: 2024"), true)).extracting(FieldError::field)
                .containsExactly("name");
        assertThat(errors(WHOLE_YAML.replace("retainBinlog: 7d", "retainBinlog: 7d\n  retainBinlog: 8d"), true))
                .extracting(FieldError::field).containsExactly("prepare.retainBinlog");
        assertThat(errors("[".repeat(2000), false)).extracting(FieldError::field).containsExactly("(body)");
    }

    private static List<FieldError> errors(String body, boolean yaml) {
        return catchThrowableOfType(InvalidPlanException.class, () -> PlanReader.read(body, yaml)).errors();
    }

    private static List<String> fields(String body, boolean yaml) {
        return catchThrowableOfType(InvalidPlanException.class, () -> PlanReader.read(body, yaml)).errors().stream()
                .map(FieldError::field).toList();
    }
}
