package io.handoff.dns.steps;

import static io.handoff.dns.steps.TwoZoneApplication.NEW_CNAME;
import static io.handoff.dns.steps.TwoZoneApplication.NEW_TTL;
import static io.handoff.dns.steps.TwoZoneApplication.OLD_CNAME;
import static io.handoff.dns.steps.TwoZoneApplication.OLD_TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
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

/**
 * SWITCH_DNS with {@value DnsParams#MAX_TTL_SECONDS}: the TTL in force is checked before the flip writes
 * anything, through dns-service's Kafka interface.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class TtlInForceTest extends DnsStepsTestBase {
    private static final String CHANGE = "ChangeResourceRecordSets";

    @Test
    void switchOfARecordWhoseTtlInForceIsAboveTheMaximumFailsNamingItAndChangesNothing() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        long changesBefore = route53.calls(CHANGE);

        StepEvent outcome = run(switchWithMaxTtl(app, 60));

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().reason())
                .contains(app.cnameName() + " CNAME", "TTL " + OLD_TTL, "maximum of 60", "LOWER_TTL");
        assertThat(outcome.failure().recoverableState()).contains("nothing was changed", app.cnameName());
        assertThat(route53.calls(CHANGE)).as("no change batch sent").isEqualTo(changesBefore);
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(OLD_CNAME, OLD_TTL));
    }

    @Test
    void switchAfterLowerTtlBroughtTheTtlUnderTheMaximumSucceeds() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        succeeded(app.command(StepType.LOWER_TTL, Map.of(StepParams.APPLICATION, app.name(), StepParams.RECORDS,
                List.of(Map.of(StepParams.RECORD_ZONE, app.zoneA(), StepParams.RECORD_NAME, app.cnameName(),
                        StepParams.RECORD_TYPE, "CNAME")), DnsParams.TTL, 5)));
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(OLD_CNAME, 5));

        Map<String, Object> facts = succeeded(switchWithMaxTtl(app, 60));

        assertThat(facts).containsEntry(StepParams.FACT_ALREADY_APPLIED, false);
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(NEW_CNAME, NEW_TTL));
    }

    @Test
    void maxTtlThatIsNotAWholeNumberOfSecondsIsRefusedNamingTheParam() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);

        StepEvent outcome = run(app.command(StepType.SWITCH_DNS, Map.of(StepParams.APPLICATION, app.name(),
                StepParams.RECORDS, List.of(app.cnameRecord()), DnsParams.MAX_TTL_SECONDS, "sixty")));

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().retryable()).isFalse();
        assertThat(outcome.failure().reason()).contains(DnsParams.MAX_TTL_SECONDS);
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(OLD_CNAME, OLD_TTL));
    }

    private static StepCommand switchWithMaxTtl(TwoZoneApplication app, long maxTtlSeconds) {
        return app.command(StepType.SWITCH_DNS, Map.of(StepParams.APPLICATION, app.name(),
                StepParams.RECORDS, List.of(app.cnameRecord()), DnsParams.MAX_TTL_SECONDS, maxTtlSeconds));
    }
}
