package io.handoff.dns.steps;

import static io.handoff.dns.steps.TwoZoneApplication.NEW_A;
import static io.handoff.dns.steps.TwoZoneApplication.NEW_CNAME;
import static io.handoff.dns.steps.TwoZoneApplication.OLD_CNAME;
import static io.handoff.dns.steps.TwoZoneApplication.OLD_TTL;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepEvent;
import io.handoff.common.event.StepEventKind;
import io.handoff.common.event.StepParams;
import io.handoff.dns.route53.Route53Fixture.Answer;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Route 53 throttling (and {@code PriorRequestNotComplete}) retried with backoff for as long as the
 * command's deadline allows, and no longer, through dns-service's Kafka interface.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class Route53RetriesTest extends DnsStepsTestBase {
    private static final String CHANGE = "ChangeResourceRecordSets";

    @AfterEach
    void clearFaults() {
        route53.emulator().clearFaults();
    }

    @Test
    void switchSucceedsWhileRoute53ThrottlesTheNextSixCallsMoreThanTheSdkDefaultRetries() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        StepCommand command = app.command();
        long throttledBefore = route53.emulator().throttledCalls();

        route53.emulator().throttleNextCalls(6);
        Map<String, Object> facts = succeeded(command);

        assertThat(route53.emulator().throttledCalls() - throttledBefore).isEqualTo(6);
        assertThat(((Number) facts.get(StepParams.FACT_SDK_RETRIES)).longValue()).isGreaterThanOrEqualTo(6);
        assertThat(route53.query(app.cnameName(), "CNAME").value()).isEqualTo(NEW_CNAME);
        assertThat(route53.query(app.aName(), "A").value()).isEqualTo(NEW_A);
    }

    @Test
    void switchSucceedsWhileRoute53AnswersPriorRequestNotCompleteToTheNextFourCalls() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        long failedBefore = route53.emulator().failedCalls();

        route53.emulator().failNextCalls(4, "PriorRequestNotComplete", 400);
        Map<String, Object> facts = succeeded(app.command());

        assertThat(route53.emulator().failedCalls() - failedBefore).isEqualTo(4);
        assertThat(((Number) facts.get(StepParams.FACT_SDK_RETRIES)).longValue()).isGreaterThanOrEqualTo(4);
        assertThat(route53.query(app.cnameName(), "CNAME").value()).isEqualTo(NEW_CNAME);
    }

    @Test
    void throttlingThatOutlastsTheDeadlineFailsRetryablyAtTheDeadlineAndChangesNothing() {
        TwoZoneApplication app = TwoZoneApplication.create(route53, true);
        StepCommand command = app.command(List.of(app.cnameRecord()), Duration.ofSeconds(3));
        long changesBefore = route53.calls(CHANGE);

        route53.emulator().throttleNextCalls(100);
        StepEvent outcome = run(command);

        assertThat(outcome.kind()).isEqualTo(StepEventKind.FAILED);
        assertThat(outcome.failure().retryable()).isTrue();
        assertThat(outcome.failure().reason()).contains("deadline", "throttling", "retried");
        assertThat(outcome.failure().recoverableState()).contains("nothing was changed", app.cnameName());
        assertThat(((Number) outcome.facts().get(StepParams.FACT_SDK_RETRIES)).longValue()).isPositive();
        assertThat(route53.calls(CHANGE)).as("no change batch reached Route 53").isEqualTo(changesBefore);
        route53.emulator().clearFaults();
        assertThat(route53.query(app.cnameName(), "CNAME")).isEqualTo(new Answer(OLD_CNAME, OLD_TTL));
    }
}
