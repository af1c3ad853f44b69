package io.handoff.dns.steps;

import static io.handoff.dns.steps.TwoZoneApplication.NEW_A;
import static io.handoff.dns.steps.TwoZoneApplication.NEW_CNAME;
import static io.handoff.dns.steps.TwoZoneApplication.NEW_TTL;
import static io.handoff.dns.steps.TwoZoneApplication.OLD_A;
import static io.handoff.dns.steps.TwoZoneApplication.OLD_CNAME;
import static io.handoff.dns.steps.TwoZoneApplication.OLD_TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.dns.route53.BeforeChangeHook;
import io.handoff.dns.route53.Route53Fixture;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SWITCH_DNS end to end through dns-service's Kafka interface: commands in on handoff.commands.dns,
 * reports out on handoff.step-events, effects checked in the Route 53 emulator and over DNS.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class SwitchDnsTest extends DnsStepsTestBase {
    private static final String CHANGE = "ChangeResourceRecordSets";

    @Inject
    BeforeChangeHook beforeChange;

    @Test
    void switchesCnameAndARecordInTwoZones() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        StepCommand command = app.command();

        kafka.send(command);
        StepEvent outcome = kafka.outcome(command.commandId());

        assertThat(outcome.kind()).as("%s", outcome.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        Map<String, Object> facts = outcome.facts();
        assertThat(facts).containsEntry(StepParams.APPLICATION, app.name())
                .containsEntry(StepParams.FACT_ALREADY_APPLIED, false)
                .containsEntry("oldValues", Map.of(app.cnameName(), OLD_CNAME, app.aName(), OLD_A))
                .containsEntry("newValues", Map.of(app.cnameName(), NEW_CNAME, app.aName(), NEW_A));
        assertThat(((Number) facts.get("insyncMs")).longValue()).isPositive();
        assertThat(zones(facts)).extracting(z -> z.get("zone")).containsExactly(app.zoneA(), app.zoneB());
        assertThat(zones(facts)).allSatisfy(z -> assertThat(z.get("changeId")).isNotNull());
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Route53Fixture.Answer(NEW_CNAME, NEW_TTL));
        assertThat(route53.query(app.aName(), "A")).isEqualTo(new Route53Fixture.Answer(NEW_A, NEW_TTL));
    }

    @Test
    void commandDeliveredTwiceIsReportedTwiceWithOneChangePerZone() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        StepCommand command = app.command();
        long changesBefore = route53.calls(CHANGE);

        kafka.send(command);
        kafka.send(command);
        List<StepEvent> reports = kafka.outcomes(command.commandId(), 2);

        assertThat(reports).extracting(StepEvent::kind).containsOnly(StepEventKind.SUCCEEDED);
        assertThat(reports.get(1).facts()).isEqualTo(reports.get(0).facts());
        assertThat(route53.calls(CHANGE) - changesBefore).as("one change batch per zone").isEqualTo(2);
    }

    @Test
    void nextAttemptOfAppliedSwitchReportsAlreadyAppliedAndWritesNothing() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        StepCommand first = app.command();
        kafka.send(first);
        Map<String, Object> firstFacts = kafka.outcome(first.commandId()).facts();
        long changesBefore = route53.calls(CHANGE);

        StepCommand retry = first.nextAttempt(Instant.now().plusSeconds(30), Clock.systemUTC());
        kafka.send(retry);
        StepEvent outcome = kafka.outcome(retry.commandId());

        assertThat(outcome.kind()).as("%s", outcome.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        assertThat(outcome.facts()).containsEntry(StepParams.FACT_ALREADY_APPLIED, true)
                .containsEntry("oldValues", firstFacts.get("oldValues"))
                .containsEntry("newValues", firstFacts.get("newValues"))
                .containsEntry("dnsVerified", true)
                .containsKeys("zones", "insyncMs");
        assertThat(route53.calls(CHANGE)).isEqualTo(changesBefore);
    }

    @Test
    void switchSucceedsWhileRoute53ThrottlesTheNextThreeCalls() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        StepCommand command = app.command();
        long throttledBefore = route53.emulator().throttledCalls();

        route53.emulator().throttleNextCalls(3);
        kafka.send(command);
        StepEvent outcome = kafka.outcome(command.commandId());

        assertThat(outcome.kind()).as("%s", outcome.failure()).isEqualTo(StepEventKind.SUCCEEDED);
        assertThat(route53.emulator().throttledCalls() - throttledBefore).isEqualTo(3);
        assertThat(outcome.facts()).containsEntry("sdkRetries", 3);
        assertThat(route53.query(app.aName(), "A").value()).isEqualTo(NEW_A);
    }

    @Test
    void missingSecondZoneFailsNamingItAndFirstZoneKeepsItsOldValue() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, false);
        StepCommand command = app.command();
        long changesBefore = route53.calls(CHANGE);

        kafka.send(command);
        StepEvent outcome = kafka.outcome(command.commandId());

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().reason()).contains(app.zoneB());
        assertThat(outcome.failure().recoverableState()).contains("nothing was changed", app.cnameName(), app.aName());
        assertThat(route53.calls(CHANGE)).isEqualTo(changesBefore);
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Route53Fixture.Answer(OLD_CNAME, OLD_TTL));
    }

    @Test
    void batchRefusedInSecondZoneRestoresTheFirstZone() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        // A CNAME where zone B holds an A record: Route 53 refuses zone B's batch (InvalidChangeBatch).
        StepCommand command = app.command(List.of(app.cnameRecord(),
                TwoZoneApplication.record(app.zoneB(), app.aName(), "CNAME", NEW_CNAME, null)), Duration.ofSeconds(30));

        kafka.send(command);
        StepEvent outcome = kafka.outcome(command.commandId());

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().reason()).contains(app.zoneB(), "InvalidChangeBatch");
        assertThat(outcome.failure().recoverableState()).contains("zone " + app.zoneA(), "restored to its old values");
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Route53Fixture.Answer(OLD_CNAME, OLD_TTL));
        assertThat(route53.query(app.aName(), "A")).isEqualTo(new Route53Fixture.Answer(OLD_A, OLD_TTL));
    }

    @Test
    void changeStillPendingAtTheDeadlineIsRetryableAndSaysItIsPropagating() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        StepCommand command = app.command(List.of(app.cnameRecord()), Duration.ofSeconds(2));
        Duration usualDelay = route53.emulator().insyncDelay();
        route53.emulator().setInsyncDelay(Duration.ofMinutes(5));
        try {
            kafka.send(command);
            StepEvent outcome = kafka.outcome(command.commandId());

            assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
            assertThat(outcome.failure().retryable()).isTrue();
            assertThat(outcome.failure().reason()).contains("submitted", "propagating", app.zoneA());
            assertThat(zones(outcome.facts())).singleElement().satisfies(z -> assertThat(z.get("changeId")).isNotNull());
        } finally {
            route53.emulator().setInsyncDelay(usualDelay);
        }
    }

    @Test
    void recordChangedBehindOurBackBetweenCaptureAndSwitchFailsTheStepAndTheForeignValueStays() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        String foreign = "10.9.9.9";
        route53.put(route53.zoneId(app.zoneB()), app.aName(), "A", 60, foreign);
        StepCommand command = app.command();
        long changesBefore = route53.calls(CHANGE);

        kafka.send(command);
        StepEvent outcome = kafka.outcome(command.commandId());

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().reason()).contains("changed behind our back since the plan was made", app.aName(), foreign);
        assertThat(outcome.failure().recoverableState()).contains("nothing was changed");
        assertThat(route53.calls(CHANGE)).isEqualTo(changesBefore);
        assertThat(route53.query(app.aName(), "A")).isEqualTo(new Route53Fixture.Answer(foreign, 60));
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Route53Fixture.Answer(OLD_CNAME, OLD_TTL));
    }

    @Test
    void recordChangedBetweenOurReadAndOurWriteFailsTheBatchKeepsTheForeignValueAndRestoresTheFirstZone() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        String foreign = "10.9.9.9";
        String zoneB = route53.zoneId(app.zoneB());
        beforeChange.beforeNextChangeOf(zoneB, () -> route53.put(zoneB, app.aName(), "A", 60, foreign));
        StepCommand command = app.command();

        kafka.send(command);
        StepEvent outcome = kafka.outcome(command.commandId());

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().reason()).contains("changed behind our back", app.aName(), OLD_A, foreign);
        assertThat(outcome.failure().recoverableState())
                .contains("foreign values were left in place", "zone " + app.zoneA(), "restored to its old values");
        assertThat(route53.query(app.aName(), "A")).isEqualTo(new Route53Fixture.Answer(foreign, 60));
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Route53Fixture.Answer(OLD_CNAME, OLD_TTL));
    }

    @Test
    void commandWithoutRecordsFailsNamingTheField() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        StepCommand command = app.command(List.of(), Duration.ofSeconds(30));

        kafka.send(command);
        StepEvent outcome = kafka.outcome(command.commandId());

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().reason()).contains(StepParams.RECORDS);
        assertThat(outcome.failure().recoverableState()).isEqualTo("nothing was changed");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> zones(Map<String, Object> facts) {
        return (List<Map<String, Object>>) facts.get("zones");
    }
}
