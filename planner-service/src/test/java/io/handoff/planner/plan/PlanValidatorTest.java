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
                        new PlanRequest.Application("b", null, List.of(new PlanRequest.DnsRecord("z.", "n.z.", "A", -1, "10.0.0.1", "10.0.0.2")))));

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
                new PlanRequest.Application("a", null, List.of(Plans.record("z.", "m.z.")))));

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

    @Test
    void aPrepareSectionMeansPrepareThenFlipWithItsDefaults() {
        PlanRequest whole = Plans.whole("p", null, null);
        PlanRequest implied = new PlanRequest("p", "source", "target", null, whole.prepare(), whole.flip(),
                new PlanRequest.Gates(500, null), null, whole.applications());

        FlipPlan plan = validator.validate(implied);

        assertThat(plan.phases()).containsExactly(Phase.PREPARE, Phase.FLIP);
        assertThat(plan.prepare()).isEqualTo(new FlipPlan.Prepare(List.of("shop"), Duration.ofDays(2),
                new FlipPlan.Seed("mysqldump", null, null), true));
        assertThat(plan.caughtUp()).isEqualTo(new FlipPlan.CaughtUp(500, Duration.ofSeconds(30), Duration.ofHours(1)));
        assertThat(plan.lagGate()).isEqualTo(new FlipPlan.LagGate(500, Duration.ofMinutes(5)));
        assertThat(validator.validate(Plans.valid(null)).phases()).containsExactly(Phase.FLIP);
        assertThat(validator.validate(Plans.valid(null)).caughtUp()).isNull();
    }

    @Test
    void badPhasesAreEachNamed() {
        PlanRequest whole = Plans.whole("p", null, null);

        assertThat(errors(withPhases(whole, List.of("flip", "prepare")))).extracting(FieldError::field).containsExactly("phases[1]");
        assertThat(errors(withPhases(whole, List.of("prepare", "prepare", "flip")))).extracting(FieldError::field)
                .containsExactly("phases[1]");
        assertThat(errors(withPhases(whole, List.of("prepare", "flip", "later")))).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("unknown phase 'later'; phases: prepare, flip, after"));
        assertThat(errors(withPhases(whole, List.of("after", "flip")))).extracting(FieldError::field).containsExactly("phases[1]");
        assertThat(errors(withPhases(whole, List.of()))).extracting(FieldError::field).containsExactly("phases");
        assertThat(errors(withPhases(Plans.valid(null), List.of("prepare", "flip")))).extracting(FieldError::field)
                .containsExactly("gates.maxLagMs", "prepare");
    }

    @Test
    void loweringTtlsNeedsAFlipAndIsOffUnlessAsked() {
        PlanRequest whole = Plans.whole("p", null, null);
        PlanRequest.Flip lowering = new PlanRequest.Flip(null, null, null, List.of(), null, null, null, null, null, true);
        PlanRequest prepareOnly = new PlanRequest("p", "source", "target", List.of("prepare"), whole.prepare(), lowering,
                whole.gates(), null, null);

        assertThat(errors(prepareOnly)).extracting(FieldError::field).contains("flip.lowerTtl");
        assertThat(validator.validate(whole).lowerTtl()).isFalse();
        assertThat(validator.validate(withPhases(new PlanRequest("p", "source", "target", null, whole.prepare(), lowering,
                whole.gates(), null, whole.applications()), List.of("prepare", "flip"))).lowerTtl()).isTrue();
    }

    @Test
    void everyBadDurationAndSeedOptionOfTheWholePlanIsNamedAtOnce() {
        PlanRequest whole = Plans.whole("p", null, null);
        PlanRequest request = new PlanRequest("p", "source", "target", List.of("prepare", "flip"),
                new PlanRequest.Prepare(List.of("shop", "mysql", " "), "10m",
                        new PlanRequest.Seed("mysqldump", "MySQL binlog position: filename 'b.000001', position '4'", "0-1-1"),
                        null, null),
                new PlanRequest.Flip(null, null, null, null, "soon", null, null),
                new PlanRequest.Gates(0, "1m", "2h", "90m", List.of("orders", "other.orders", "shop.orders")), null,
                whole.applications());

        assertThat(errors(request)).extracting(FieldError::field).containsExactly("flip.syncTimeout", "gates.maxLagMs",
                "gates.caughtUpTimeout", "prepare.schemas[1]", "prepare.schemas[2]", "prepare.retainBinlog",
                "prepare.seed.logLine", "prepare.seed.position", "gates.allowDriftIn[0]", "gates.allowDriftIn[1]");
    }

    @Test
    void eachSeedMethodNeedsItsOwnOptions() {
        assertThat(seedErrors(null, null)).containsExactly("prepare.seed");
        assertThat(seedErrors(null, new PlanRequest.Seed(null, null, null))).as("parallel by default, which copies the schemas")
                .containsExactly("prepare.schemas");
        assertThat(seedErrors(List.of("shop"), new PlanRequest.Seed(null, null, null))).isEmpty();
        assertThat(seedErrors(null, new PlanRequest.Seed("rsync", null, null))).containsExactly("prepare.seed.method");
        assertThat(seedErrors(null, new PlanRequest.Seed("parallel", null, null))).containsExactly("prepare.schemas");
        assertThat(seedErrors(null, new PlanRequest.Seed("mysqldump", null, null))).containsExactly("prepare.schemas");
        assertThat(seedErrors(null, new PlanRequest.Seed("xtrabackup", null, null))).containsExactly("prepare.seed.logLine");
        assertThat(seedErrors(null, new PlanRequest.Seed("xtrabackup", "no coordinates here", null)))
                .containsExactly("prepare.seed.logLine");
        assertThat(seedErrors(null, new PlanRequest.Seed("external", null, " "))).containsExactly("prepare.seed.position");
        assertThat(seedErrors(null, new PlanRequest.Seed("xtrabackup",
                "MySQL binlog position: filename 'mysql-bin.000003', position '1234', GTID of the last change '0-1-100'", null)))
                .isEmpty();
        assertThat(seedErrors(null, new PlanRequest.Seed("external", null, "auto"))).isEmpty();
        assertThat(seedErrors(List.of("shop"), new PlanRequest.Seed("mysqldump", null, null))).isEmpty();
        assertThat(seedErrors(List.of("shop"), new PlanRequest.Seed("parallel", null, null))).isEmpty();
    }

    @Test
    void sectionsOfPhasesThePlanDoesNotRunAreFindings() {
        PlanRequest whole = Plans.whole("p", null, null);
        PlanRequest prepareOnly = new PlanRequest("p", "source", "target", List.of("prepare"), new PlanRequest.Prepare(
                null, null, new PlanRequest.Seed("external", null, "auto"), null, null), whole.flip(),
                new PlanRequest.Gates(500, "1m", null, null, null), List.of("flip"), whole.applications());
        PlanRequest flipOnly = new PlanRequest("p", "source", "target", List.of("flip"), whole.prepare(), whole.flip(),
                new PlanRequest.Gates(500, null, "30s", "1h", List.of("shop.audit")), null, whole.applications());

        assertThat(errors(prepareOnly)).extracting(FieldError::field).containsExactly("flip", "gates.lagWaitTimeout",
                "approvals", "applications");
        assertThat(errors(flipOnly)).extracting(FieldError::field).containsExactly("gates.caughtUpFor", "gates.caughtUpTimeout",
                "prepare", "gates.allowDriftIn");
        PlanRequest strategiesInAFlip = new PlanRequest("p", "source", "target", null, new PlanRequest.Prepare(null, null,
                new PlanRequest.Seed("external", null, "auto"), null, new PlanRequest.Strategies("global", "kill")),
                whole.flip(), whole.gates(), null, whole.applications());
        assertThat(errors(strategiesInAFlip)).extracting(FieldError::field).containsExactly("prepare.strategies");
    }

    @Test
    void aHealthCheckMustBeAnAbsoluteHttpUrlAndItsTimeoutADuration() {
        assertThat(errors(Plans.withHealthChecks("p", null, "forever", "ftp://storefront/health", "/health")))
                .extracting(FieldError::field).containsExactly("flip.healthCheckTimeout", "applications[0].healthCheck",
                        "applications[1].healthCheck");
        assertThat(errors(Plans.withHealthChecks("p", null, "2h", "http:// bad", null))).extracting(FieldError::field)
                .containsExactly("flip.healthCheckTimeout", "applications[0].healthCheck");
        FlipPlan plan = validator.validate(Plans.withHealthChecks("p", null, null, "https://storefront.internal:8443/health?deep=1",
                null));
        assertThat(plan.applications()).extracting(FlipPlan.Application::healthCheck)
                .containsExactly("https://storefront.internal:8443/health?deep=1", null);
        assertThat(plan.healthCheckTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theAfterPhaseNeedsTheFlip() {
        PlanRequest whole = Plans.whole("p", null, null);
        assertThat(errors(new PlanRequest("p", "source", "target", List.of("prepare", "after"), whole.prepare(), null,
                new PlanRequest.Gates(500, null, null, null, null), null, null))).extracting(FieldError::field).containsExactly("phases");
        assertThat(validator.validate(withPhases(whole, List.of("prepare", "flip", "after"))).phases())
                .containsExactly(Phase.PREPARE, Phase.FLIP, Phase.AFTER);
        assertThat(validator.validate(Plans.retiring("p")).retires()).isTrue();
        assertThat(validator.validate(Plans.valid(null)).retires()).isFalse();
    }

    private List<String> seedErrors(List<String> schemas, PlanRequest.Seed seed) {
        PlanRequest whole = Plans.whole("p", null, null);
        PlanRequest request = new PlanRequest("p", "source", "target", null, new PlanRequest.Prepare(schemas, null, seed, null,
                null), whole.flip(), new PlanRequest.Gates(500, null), null, whole.applications());
        try {
            validator.validate(request);
            return List.of();
        } catch (InvalidPlanException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
    }

    private static PlanRequest withPhases(PlanRequest request, List<String> phases) {
        return new PlanRequest(request.name(), request.source(), request.target(), phases, request.prepare(), request.flip(),
                request.gates(), request.approvals(), request.applications());
    }

    private List<FieldError> errors(PlanRequest request) {
        return catchThrowableOfType(InvalidPlanException.class, () -> validator.validate(request)).errors();
    }
}
