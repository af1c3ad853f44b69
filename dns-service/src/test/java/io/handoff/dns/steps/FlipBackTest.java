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
import io.handoff.dns.route53.Route53Fixture.Answer;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FLIP_BACK through dns-service's Kafka interface, from the facts of the SWITCH_DNS it undoes. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class FlipBackTest extends DnsStepsTestBase {
    private static final String CHANGE = "ChangeResourceRecordSets";

    @Inject
    BeforeChangeHook beforeChange;

    @Test
    void applicationInTwoZonesSwitchesAndFlipsBackAnsweringTheRightValueOverDnsAfterEach() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);

        Map<String, Object> switchFacts = succeeded(app.command());
        assertThat(switchFacts).containsEntry("dnsVerified", true);
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(NEW_CNAME, NEW_TTL));
        assertThat(route53.query(app.aName(), "A")).isEqualTo(new Answer(NEW_A, NEW_TTL));

        Map<String, Object> flipBackFacts = succeeded(app.flipBack(switchFacts));

        assertThat(flipBackFacts).containsEntry(StepParams.FACT_ALREADY_APPLIED, false)
                .containsEntry("dnsVerified", true)
                .containsEntry(StepParams.FACT_OLD_VALUES, Map.of(app.cnameName(), NEW_CNAME, app.aName(), NEW_A))
                .containsEntry(StepParams.FACT_NEW_VALUES, Map.of(app.cnameName(), OLD_CNAME, app.aName(), OLD_A));
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(OLD_CNAME, OLD_TTL));
        assertThat(route53.query(app.aName(), "A")).isEqualTo(new Answer(OLD_A, OLD_TTL));
    }

    @Test
    void nextAttemptOfAFlipBackFoundDoneWritesNothing() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        StepCommand flipBack = app.flipBack(succeeded(app.command()));
        succeeded(flipBack);
        long changesBefore = route53.calls(CHANGE);

        Map<String, Object> retryFacts = succeeded(flipBack.nextAttempt(Instant.now().plusSeconds(30), Clock.systemUTC()));

        assertThat(retryFacts).containsEntry(StepParams.FACT_ALREADY_APPLIED, true);
        assertThat(route53.calls(CHANGE)).isEqualTo(changesBefore);
    }

    @Test
    void flipBackRefusesARecordChangedSinceTheSwitchAndLeavesEveryRecordAsItIs() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        Map<String, Object> switchFacts = succeeded(app.command());
        String foreign = "someone-else.example.";
        route53.put(route53.zoneId(app.zoneA()), app.cnameName(), "CNAME", 60, foreign);

        StepCommand flipBack = app.flipBack(switchFacts);
        kafka.send(flipBack);
        StepEvent outcome = kafka.outcome(flipBack.commandId());

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().reason()).contains("FLIP_BACK", app.cnameName(), foreign);
        assertThat(outcome.failure().recoverableState()).contains("nothing was changed");
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(foreign, 60));
        assertThat(route53.query(app.aName(), "A")).isEqualTo(new Answer(NEW_A, NEW_TTL));
    }

    @Test
    void flipBackRefusedInTheSecondZoneRestoresTheFirstZoneToTheSwitchedValue() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        Map<String, Object> switchFacts = succeeded(app.command());
        String foreign = "10.9.9.9";
        String zoneB = route53.zoneId(app.zoneB());
        beforeChange.beforeNextChangeOf(zoneB, () -> route53.put(zoneB, app.aName(), "A", 60, foreign));

        StepCommand flipBack = app.flipBack(switchFacts);
        kafka.send(flipBack);
        StepEvent outcome = kafka.outcome(flipBack.commandId());

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().reason()).contains("FLIP_BACK", "changed behind our back", foreign);
        assertThat(outcome.failure().recoverableState()).contains("zone " + app.zoneA(), "restored to its old values");
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(NEW_CNAME, NEW_TTL));
        assertThat(route53.query(app.aName(), "A")).isEqualTo(new Answer(foreign, 60));
    }

    @Test
    void recordTheSwitchCreatedIsDeletedByTheFlipBack() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        String created = "new." + app.zoneA();
        StepCommand switchDns = app.command(List.of(TwoZoneApplication.record(app.zoneA(), created, "A", NEW_A, null)),
                Duration.ofSeconds(30));
        Map<String, Object> switchFacts = succeeded(switchDns);
        assertThat(route53.query(created, "A")).isEqualTo(new Answer(NEW_A, NEW_TTL));

        Map<String, Object> flipBackFacts = succeeded(app.flipBack(switchFacts));

        assertThat(flipBackFacts).containsEntry("dnsVerified", true);
        assertThat(route53.recordSets(route53.zoneId(app.zoneA()), created, "A")).isEmpty();
    }

    @Test
    void flipBackWithoutSwitchFactsFailsNamingTheParam() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        StepCommand flipBack = app.flipBack(Map.of(StepParams.APPLICATION, app.name()));

        kafka.send(flipBack);
        StepEvent outcome = kafka.outcome(flipBack.commandId());

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().reason()).startsWith("FLIP_BACK params: switchFacts.records");
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(OLD_CNAME, OLD_TTL));
    }
}
