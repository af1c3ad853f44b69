package io.handoff.dns.steps;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepEventKind;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** dns-service's own metrics on /q/metrics (Prometheus). */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class DnsMetricsTest extends DnsStepsTestBase {

    @Test
    void switchesExposeInsyncTimePerZoneRoute53RetriesAndFailures() {
        TwoZoneApplication switched = TwoZoneApplication.create(route53, true);
        route53.emulator().throttleNextCalls(1);
        succeeded(switched.command());
        TwoZoneApplication missingZone = TwoZoneApplication.create(route53, false);
        assertThat(run(missingZone.command()).kind()).isEqualTo(StepEventKind.FAILED);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("handoff_dns_insync_seconds_count{zone=\"" + switched.zoneA() + "\"",
                "handoff_dns_insync_seconds_count{zone=\"" + switched.zoneB() + "\"",
                "handoff_dns_route53_retries_total",
                "handoff_dns_switch_failures_total{step=\"SWITCH_DNS\"");
        assertThat(metrics.lines().filter(l -> l.startsWith("handoff_dns_route53_retries_total")).findFirst().orElseThrow())
                .doesNotEndWith(" 0.0").doesNotEndWith(" 0");
    }
}
