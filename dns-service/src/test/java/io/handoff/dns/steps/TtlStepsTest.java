package io.handoff.dns.steps;

import static io.handoff.dns.steps.TwoZoneApplication.OLD_A;
import static io.handoff.dns.steps.TwoZoneApplication.OLD_CNAME;
import static io.handoff.dns.steps.TwoZoneApplication.OLD_TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.dns.route53.Route53Fixture.Answer;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LOWER_TTL and RESTORE_TTL through dns-service's Kafka interface. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class TtlStepsTest extends DnsStepsTestBase {

    @Test
    void lowerTtlKeepsTheValuesAndRestoreTtlPutsTheOldTtlsBackFromItsFacts() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        List<Map<String, Object>> records = List.of(
                Map.of(StepParams.RECORD_ZONE, app.zoneA(), StepParams.RECORD_NAME, app.cnameName(), StepParams.RECORD_TYPE, "CNAME"),
                Map.of(StepParams.RECORD_ZONE, app.zoneB(), StepParams.RECORD_NAME, app.aName(), StepParams.RECORD_TYPE, "A"));

        Map<String, Object> lowered = succeeded(app.command(StepType.LOWER_TTL,
                Map.of(StepParams.APPLICATION, app.name(), StepParams.RECORDS, records, DnsParams.TTL, 7)));

        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(OLD_CNAME, 7));
        assertThat(route53.query(app.aName(), "A")).isEqualTo(new Answer(OLD_A, 7));
        assertThat(lowered).containsEntry(StepParams.FACT_ALREADY_APPLIED, false);
        assertThat(lowered.get(StepParams.FACT_OLD_TTLS)).isEqualTo(List.of(
                Map.of(StepParams.RECORD_ZONE, app.zoneA(), StepParams.RECORD_NAME, app.cnameName(),
                        StepParams.RECORD_TYPE, "CNAME", StepParams.RECORD_TTL, (int) OLD_TTL),
                Map.of(StepParams.RECORD_ZONE, app.zoneB(), StepParams.RECORD_NAME, app.aName(),
                        StepParams.RECORD_TYPE, "A", StepParams.RECORD_TTL, (int) OLD_TTL)));

        succeeded(app.command(StepType.RESTORE_TTL,
                Map.of(StepParams.APPLICATION, app.name(), StepParams.RECORDS, lowered.get(StepParams.FACT_OLD_TTLS))));

        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(OLD_CNAME, OLD_TTL));
        assertThat(route53.query(app.aName(), "A")).isEqualTo(new Answer(OLD_A, OLD_TTL));
    }

    @Test
    void lowerTtlLeavesARecordAlreadyAtALowerTtlAsItIs() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        List<Map<String, Object>> records = List.of(
                Map.of(StepParams.RECORD_ZONE, app.zoneA(), StepParams.RECORD_NAME, app.cnameName(), StepParams.RECORD_TYPE, "CNAME"));

        Map<String, Object> facts = succeeded(app.command(StepType.LOWER_TTL,
                Map.of(StepParams.APPLICATION, app.name(), StepParams.RECORDS, records, DnsParams.TTL, 3600)));

        assertThat(facts).containsEntry(StepParams.FACT_ALREADY_APPLIED, true);
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(OLD_CNAME, OLD_TTL));
    }

    @Test
    void lowerTtlOfAMissingRecordFailsNamingIt() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        List<Map<String, Object>> records = List.of(
                Map.of(StepParams.RECORD_ZONE, app.zoneA(), StepParams.RECORD_NAME, "nope." + app.zoneA(), StepParams.RECORD_TYPE, "A"));

        StepEvent outcome = run(app.command(StepType.LOWER_TTL,
                Map.of(StepParams.APPLICATION, app.name(), StepParams.RECORDS, records, DnsParams.TTL, 5)));

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().reason()).contains("nope." + app.zoneA(), "does not exist");
    }
}
