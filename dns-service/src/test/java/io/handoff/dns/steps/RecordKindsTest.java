package io.handoff.dns.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.dns.route53.Route53Fixture.Answer;
import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SWITCH_DNS and FLIP_BACK of A records with several values, alias records and weighted records. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class RecordKindsTest extends DnsStepsTestBase {

    @Test
    void aRecordWithSeveralValuesSwitchesAndFlipsBackWithAllItsValues() {
        String zone = zoneName();
        String zoneId = route53.createZone(zone);
        String db = "db." + zone;
        route53.putValues(zoneId, db, "A", 300, List.of("10.0.0.1", "10.0.0.2"));
        Map<String, Object> record = record(zone, db, "A");
        record.put(StepParams.RECORD_TTL, 5);
        record.put(DnsParams.VALUES, List.of("10.0.1.2", "10.0.1.1"));
        record.put(DnsParams.PREVIOUS_VALUES, List.of("10.0.0.2", "10.0.0.1"));

        Map<String, Object> switchFacts = succeeded(switchDns(zone, record));

        assertThat(switchFacts).containsEntry("dnsVerified", true);
        assertThat(route53.queryAll(db, "A")).isEqualTo(new Answer("10.0.1.1,10.0.1.2", 5));

        succeeded(flipBack(zone, switchFacts));

        assertThat(route53.queryAll(db, "A")).isEqualTo(new Answer("10.0.0.1,10.0.0.2", 300));
    }

    @Test
    void aliasRecordSwitchesToItsNewTargetAndFlipsBack() {
        String zone = zoneName();
        String zoneId = route53.createZone(zone);
        String db = "db." + zone;
        route53.put(zoneId, "old." + zone, "A", 300, "10.0.0.1");
        route53.put(zoneId, "new." + zone, "A", 300, "10.0.1.1");
        route53.putAlias(zoneId, db, "A", zoneId, "old." + zone);
        Map<String, Object> record = record(zone, db, "A");
        record.put(DnsParams.ALIAS, Map.of(DnsParams.ALIAS_HOSTED_ZONE_ID, zoneId, DnsParams.ALIAS_DNS_NAME, "new." + zone,
                DnsParams.ALIAS_EVALUATE_TARGET_HEALTH, false));

        Map<String, Object> switchFacts = succeeded(switchDns(zone, record));

        assertThat(switchFacts.get(StepParams.FACT_NEW_VALUES)).isEqualTo(Map.of(db, "ALIAS new." + zone));
        assertThat(route53.query(db, "A").value()).isEqualTo("10.0.1.1");

        succeeded(flipBack(zone, switchFacts));

        assertThat(route53.query(db, "A").value()).isEqualTo("10.0.0.1");
        assertThat(route53.recordSets(zoneId, db, "A")).singleElement()
                .satisfies(rs -> assertThat(rs.aliasTarget().dnsName()).isEqualTo("old." + zone));
    }

    @Test
    void weightedRecordsShiftTheirWeightsInOneBatchAndFlipBack() {
        String zone = zoneName();
        String zoneId = route53.createZone(zone);
        String db = "db." + zone;
        route53.putWeighted(zoneId, db, "A", "blue", 100, 60, "10.0.0.1");
        route53.putWeighted(zoneId, db, "A", "green", 0, 60, "10.0.1.1");

        Map<String, Object> switchFacts = succeeded(switchDns(zone,
                weighted(zone, db, "blue", 0, "10.0.0.1"), weighted(zone, db, "green", 100, "10.0.1.1")));

        assertThat(switchFacts.get(StepParams.FACT_NEW_VALUES))
                .isEqualTo(Map.of(db + " [blue]", "10.0.0.1", db + " [green]", "10.0.1.1"));
        assertThat(route53.query(db, "A").value()).isEqualTo("10.0.1.1");
        assertThat(route53.recordSets(zoneId, db, "A")).extracting(rs -> rs.setIdentifier() + "=" + rs.weight())
                .containsExactlyInAnyOrder("blue=0", "green=100");

        succeeded(flipBack(zone, switchFacts));

        assertThat(route53.query(db, "A").value()).isEqualTo("10.0.0.1");
        assertThat(route53.recordSets(zoneId, db, "A")).extracting(rs -> rs.setIdentifier() + "=" + rs.weight())
                .containsExactlyInAnyOrder("blue=100", "green=0");
    }

    private static String zoneName() {
        return "k" + UUID.randomUUID().toString().substring(0, 8) + ".test.";
    }

    private static Map<String, Object> record(String zone, String name, String type) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(StepParams.RECORD_ZONE, zone);
        record.put(StepParams.RECORD_NAME, name);
        record.put(StepParams.RECORD_TYPE, type);
        return record;
    }

    private static Map<String, Object> weighted(String zone, String name, String setIdentifier, int weight, String value) {
        Map<String, Object> record = record(zone, name, "A");
        record.put(DnsParams.SET_IDENTIFIER, setIdentifier);
        record.put(DnsParams.WEIGHT, weight);
        record.put(StepParams.RECORD_TTL, 60);
        record.put(StepParams.RECORD_VALUE, value);
        record.put(StepParams.RECORD_PREVIOUS_VALUE, value);
        return record;
    }

    @SafeVarargs
    private static StepCommand switchDns(String zone, Map<String, Object>... records) {
        return command(StepType.SWITCH_DNS, Map.of(StepParams.APPLICATION, "app-" + zone, StepParams.RECORDS, List.of(records)));
    }

    private static StepCommand flipBack(String zone, Map<String, Object> switchFacts) {
        return command(StepType.FLIP_BACK, Map.of(StepParams.APPLICATION, "app-" + zone, DnsParams.SWITCH_FACTS, switchFacts));
    }

    private static StepCommand command(StepType type, Map<String, Object> params) {
        return StepCommand.issue("plan-" + UUID.randomUUID(), type.name().toLowerCase(), type, params, 1,
                java.time.Instant.now().plusSeconds(30), 0, java.time.Clock.systemUTC());
    }
}
