package io.handoff.dns.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.event.StepType;
import io.handoff.common.step.StepParameters;
import io.handoff.dns.route53.RecordValue;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwitchDnsRequestTest {

    private static Map<String, Object> record() {
        Map<String, Object> record = new HashMap<>(Map.of("zone", "Internal.Example", "name", "db.internal.example",
                "type", "cname", "ttl", 5, "value", "aurora.example.com."));
        record.put("previousValue", "onprem.example.");
        return record;
    }

    private static Map<String, Object> params(Object records) {
        return Map.of("application", "storefront", "records", records);
    }

    @Test
    void readsRecordsWithNormalizedNameAndType() throws StepFailedException {
        SwitchDnsRequest request = request(params(List.of(record())));

        assertThat(request.application()).isEqualTo("storefront");
        RecordTarget target = request.records().get(0);
        assertThat(target.spec().name()).isEqualTo("db.internal.example.");
        assertThat(target.spec().type()).isEqualTo("CNAME");
        assertThat(target.spec().ttl()).isEqualTo(5);
        assertThat(target.previous()).isEqualTo(RecordValue.of("onprem.example."));
    }

    @Test
    void refusesMissingOrEmptyRecordsNamingTheField() {
        assertRefused(Map.of("application", "storefront"), "records");
        assertRefused(params(List.of()), "records");
        assertRefused(Map.of("records", List.of(record())), "application");
    }

    @Test
    void refusesBadRecordFieldsNamingThem() {
        assertRefused(params(List.of(with("type", "MX"))), "records[0].type");
        assertRefused(params(List.of(with("ttl", -1))), "records[0].ttl");
        assertRefused(params(List.of(with("ttl", "5"))), "records[0].ttl");
        assertRefused(params(List.of(with("value", " "))), "records[0].value");
        assertRefused(params(List.of(with("name", "db.elsewhere.example."))), "records[0].name");
        assertRefused(params(List.of(record(), with("zone", "internal.example."))), "records[1].name");
        assertRefused(params(List.of("db.internal.example.")), "records[0]");
    }

    @Test
    void readsSeveralValuesAnAliasAndAWeightedRecord() throws StepFailedException {
        Map<String, Object> values = with("type", "A");
        values.remove("value");
        values.remove("previousValue");
        values.put("values", List.of("10.0.1.1", "10.0.1.2"));
        values.put("previousValues", List.of("10.0.0.1"));
        Map<String, Object> alias = with("name", "alias.internal.example");
        alias.remove("value");
        alias.remove("ttl");
        alias.put("type", "A");
        alias.put("alias", Map.of("hostedZoneId", "Z1", "dnsName", "aurora.example.com"));
        Map<String, Object> weighted = with("name", "w.internal.example");
        weighted.put("setIdentifier", "blue");
        weighted.put("weight", 10);

        List<RecordTarget> records = request(params(List.of(values, alias, weighted))).records();

        assertThat(records.get(0).spec().value()).isEqualTo(RecordValue.of("10.0.1.1", "10.0.1.2"));
        assertThat(records.get(0).previous()).isEqualTo(RecordValue.of("10.0.0.1"));
        assertThat(records.get(1).spec().value().alias()).isEqualTo(new RecordValue.Alias("Z1", "aurora.example.com.", false));
        assertThat(records.get(1).spec().ttl()).isNull();
        assertThat(records.get(2).spec().setIdentifier()).isEqualTo("blue");
        assertThat(records.get(2).spec().weight()).isEqualTo(10);
        assertThat(records.get(2).factKey()).isEqualTo("w.internal.example. [blue]");
    }

    @Test
    void refusesAWeightedRecordWithoutWeightAndAValueGivenTwice() {
        Map<String, Object> noWeight = with("setIdentifier", "blue");
        Map<String, Object> twice = with("values", List.of("a.example."));

        assertRefused(params(List.of(noWeight)), "records[0].weight");
        assertRefused(params(List.of(twice)), "records[0].value");
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> record = record();
        record.put(field, value);
        return record;
    }

    private static void assertRefused(Map<String, Object> params, String field) {
        assertThatThrownBy(() -> request(params))
                .isInstanceOfSatisfying(StepFailedException.class, e -> {
                    assertThat(e.failure().retryable()).isFalse();
                    assertThat(e.failure().reason()).startsWith("SWITCH_DNS params: " + field + " ");
                    assertThat(e.failure().recoverableState()).isEqualTo("nothing was changed");
                });
    }

    /** {@code params} as the handler reads them: decoded into the step's record, then checked. */
    private static SwitchDnsRequest request(Map<String, Object> params) throws StepFailedException {
        return SwitchDnsRequest.from(StepParametersOf.params(StepType.SWITCH_DNS, params, StepParameters.SwitchDns.class));
    }
}
