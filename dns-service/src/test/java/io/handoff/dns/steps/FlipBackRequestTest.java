package io.handoff.dns.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.common.event.StepType;
import io.handoff.common.step.StepParameters;
import io.handoff.dns.route53.RecordValue;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlipBackRequestTest {

    @Test
    void eachSwitchedRecordGoesBackToItsBeforeAndIsExpectedToHoldItsAfter() throws StepFailedException {
        SwitchDnsRequest request = request(params(entry(content(300, "10.0.0.1", "10.0.0.2"), content(5, "10.0.1.1"))));

        assertThat(request.step()).isEqualTo(StepType.FLIP_BACK);
        assertThat(request.application()).isEqualTo("storefront");
        RecordTarget target = request.records().get(0);
        assertThat(target.zone()).isEqualTo("internal.example.");
        assertThat(target.spec().ttl()).isEqualTo(300);
        assertThat(target.spec().value()).isEqualTo(RecordValue.of("10.0.0.1", "10.0.0.2"));
        assertThat(target.previous()).isEqualTo(RecordValue.of("10.0.1.1"));
    }

    @Test
    void beforeWithUnknownTtlKeepsTheTtlOfTheSwitch() throws StepFailedException {
        Map<String, Object> before = content(300, "10.0.0.1");
        before.put("ttl", null);

        SwitchDnsRequest request = request(params(entry(before, content(5, "10.0.1.1"))));

        assertThat(request.records().get(0).spec().ttl()).isEqualTo(5);
    }

    @Test
    void recordTheSwitchCreatedIsToBeAbsentAfterTheFlipBack() throws StepFailedException {
        SwitchDnsRequest request = request(params(entry(null, content(5, "10.0.1.1"))));

        assertThat(request.records().get(0).spec().absent()).isTrue();
    }

    @Test
    void refusesSwitchFactsWithoutRecordsOrWithABadBeforeNamingTheField() {
        assertRefused(Map.of("application", "storefront"), "switchFacts");
        assertRefused(Map.of("switchFacts", Map.of("application", "storefront")), "switchFacts.records");
        assertRefused(params(entry(Map.of("ttl", 300), content(5, "10.0.1.1"))), "switchFacts.records[0].before.values");
    }

    private static Map<String, Object> params(Map<String, Object> record) {
        return Map.of("switchFacts", Map.of("application", "storefront", "records", List.of(record)));
    }

    private static Map<String, Object> entry(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> entry = new HashMap<>(Map.of("zone", "internal.example.", "zoneId", "Z1",
                "name", "db.internal.example.", "type", "A"));
        entry.put("before", before);
        entry.put("after", after);
        return entry;
    }

    private static Map<String, Object> content(long ttl, String... values) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("ttl", ttl);
        content.put("values", List.of(values));
        return content;
    }

    private static void assertRefused(Map<String, Object> params, String field) {
        assertThatThrownBy(() -> request(params))
                .isInstanceOfSatisfying(StepFailedException.class, e -> {
                    assertThat(e.failure().retryable()).isFalse();
                    assertThat(e.failure().reason()).startsWith("FLIP_BACK params: " + field + " ");
                    assertThat(e.failure().recoverableState()).isEqualTo("nothing was changed");
                });
    }

    /** {@code params} as the handler reads them: decoded into the step's record, then checked. */
    private static SwitchDnsRequest request(Map<String, Object> params) throws StepFailedException {
        return FlipBackRequest.from(StepParametersOf.params(StepType.FLIP_BACK, params, StepParameters.FlipBack.class));
    }
}
