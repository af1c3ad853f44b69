package io.handoff.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {
    private final PlanValidator validator = new PlanValidator(Set.of("source", "target"));

    @Test
    void validPlanGetsDefaultsAndNormalisedNames() {
        PlanRequest request = new PlanRequest("p", "source", "target", null, null, null, List.of(new PlanRequest.Application("app",
                null, List.of(new PlanRequest.DnsRecord("internal.example", "db.internal.example", "cname", 5, "a.", "b.")))));

        FlipPlan plan = validator.validate(request);

        assertThat(plan.order()).isEqualTo(FlipOrder.WRITABLE_FIRST);
        assertThat(plan.syncTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.applications().get(0).records().get(0))
                .isEqualTo(new FlipPlan.DnsRecord("internal.example.", "db.internal.example.", "CNAME", 5, "a.", "b."));
    }

    @Test
    void unknownClusterIsNamedWithTheKnownOnes() {
        PlanRequest request = new PlanRequest("p", "onprem", "target", null, null, null, Plans.valid(null).applications());

        assertThat(errors(request)).containsExactly(
                new FieldError("source", "unknown cluster 'onprem'; known clusters: [source, target]"));
    }

    @Test
    void missingRecordsAndNegativeTimeoutAndTtlAreEachNamed() {
        PlanRequest request = new PlanRequest("p", "source", "target",
                new PlanRequest.Flip(null, null, null, null, "-5s", null, null), null, null,
                List.of(new PlanRequest.Application("a", null, List.of()),
                        new PlanRequest.Application("b", null, List.of(new PlanRequest.DnsRecord("z.", "n.", "A", -1, "x", "y")))));

        assertThat(errors(request)).extracting(FieldError::field)
                .containsExactly("flip.syncTimeout", "applications[0].records", "applications[1].records[0].ttl");
    }

    @Test
    void sameSourceAndTargetUnsupportedStrategyAndBadOrderAreRefused() {
        PlanRequest request = new PlanRequest("p", "source", "source",
                new PlanRequest.Flip("sideways", "shout", null, null, null, null, null), null, null, Plans.valid(null).applications());

        assertThat(errors(request)).extracting(FieldError::field)
                .containsExactly("target", "flip.order", "flip.readOnly");
    }

    @Test
    void duplicateApplicationsAndMissingFieldsAreNamed() {
        PlanRequest request = new PlanRequest(" ", null, "target", null, null, null, List.of(
                new PlanRequest.Application("a", null, List.of(new PlanRequest.DnsRecord(null, "n", "MX", 1, "x", "x"))),
                new PlanRequest.Application("a", null, List.of(Plans.record("z.", "m.")))));

        assertThat(errors(request)).extracting(FieldError::field).containsExactly("name", "source",
                "applications[0].records[0].zone", "applications[0].records[0].type", "applications[0].records[0].target",
                "applications[1].name");
    }

    @Test
    void lagGateNeedsAPositiveLagAndADuration() {
        PlanRequest request = new PlanRequest("p", "source", "target", null, new PlanRequest.Gates(-1, "soon"), null,
                Plans.valid(null).applications());

        assertThat(errors(request)).extracting(FieldError::field).containsExactly("gates.maxLagMs", "gates.lagWaitTimeout");
    }

    @Test
    void windowAndApprovalsAreChecked() {
        PlanRequest request = new PlanRequest("p", "source", "target",
                new PlanRequest.Flip(null, null, null, null, null,
                        new PlanRequest.Window("2026-11-25T03:00:00Z", "2026-11-25T01:00:00Z"), null),
                null, List.of("flip", "dns"), Plans.valid(null).applications());

        assertThat(errors(request)).extracting(FieldError::field).containsExactly("flip.window.notAfter", "approvals[1]");
        assertThat(errors(new PlanRequest("p", "source", "target",
                new PlanRequest.Flip(null, null, null, null, null, new PlanRequest.Window("tonight", null), null),
                null, null, Plans.valid(null).applications())))
                .extracting(FieldError::field).containsExactly("flip.window.notBefore");
    }

    private List<FieldError> errors(PlanRequest request) {
        return catchThrowableOfType(InvalidPlanException.class, () -> validator.validate(request)).errors();
    }
}
