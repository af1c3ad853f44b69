package io.handoff.dns.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.common.event.StepType;
import io.handoff.common.step.DnsFacts;
import io.handoff.common.step.StepContracts;
import io.handoff.common.step.StepParameters;
import io.handoff.dns.route53.RecordSnapshot;
import io.handoff.dns.route53.RecordSpec;
import io.handoff.dns.route53.ZoneRef;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SwitchDnsFactsTest {
    private static final String ZONE = "internal.example.";
    private static final String NAME = "new.internal.example.";

    /** A switch that creates {@value #NAME}, which did not exist. */
    private static SwitchDnsFacts creatingARecord() {
        RecordTarget created = new RecordTarget(ZONE, RecordSpec.simple(NAME, "A", 5, "10.0.1.1"), null);
        Map<RecordTarget, Optional<RecordSnapshot>> before = new LinkedHashMap<>();
        before.put(created, Optional.empty());
        return new SwitchDnsFacts(StepType.SWITCH_DNS, "storefront", List.of(new ZoneSwitch(new ZoneRef(ZONE, "Z1"), before)),
                () -> 2);
    }

    @Test
    void aRecordThatDidNotExistIsReportedWithANullOldValueAndBeforeAndAZoneNotChangedWithoutAChangeId() {
        Map<String, Object> facts = StepContracts.facts(new DnsFacts.SwitchDns(creatingARecord().switched(false)));

        Map<String, Object> oldValues = new HashMap<>();
        oldValues.put(NAME, null);
        assertThat(facts).containsEntry("application", "storefront").containsEntry("oldValues", oldValues)
                .containsEntry("newValues", Map.of(NAME, "10.0.1.1")).containsEntry("insyncMs", 0)
                .containsEntry("alreadyApplied", false).containsEntry("sdkRetries", 2).containsEntry("dnsVerified", false)
                .containsEntry("zones", List.of(Map.of("zone", ZONE, "zoneId", "Z1", "insyncMs", 0)));
        Map<String, Object> record = new HashMap<>(Map.of("zone", ZONE, "zoneId", "Z1", "name", NAME, "type", "A",
                "after", Map.of("ttl", 5, "values", List.of("10.0.1.1"))));
        record.put("before", null);
        assertThat(facts.get("records")).isEqualTo(List.of(record));
    }

    @Test
    void theFlipBackOfTheReportedSwitchDeletesTheRecordItCreated() throws StepFailedException {
        DnsFacts.SwitchDns switched = new DnsFacts.SwitchDns(creatingARecord().switched(false));
        Map<String, Object> params = Map.of(DnsParams.SWITCH_FACTS, StepContracts.facts(switched));

        SwitchDnsRequest flipBack = request(params);

        assertThat(flipBack.application()).isEqualTo("storefront");
        RecordTarget target = flipBack.records().get(0);
        assertThat(target.spec().absent()).isTrue();
        assertThat(target.previous().values()).containsExactly("10.0.1.1");
    }

    @Test
    void aFailurePartWayReportsTheFactsRecordOfItsStep() {
        assertThat(creatingARecord().failed()).isInstanceOfSatisfying(DnsFacts.SwitchDns.class,
                facts -> assertThat(facts.switched().alreadyApplied()).isFalse());
        DnsFacts.Switched switched = creatingARecord().switched(false);
        assertThat(SwitchDnsFacts.of(StepType.FLIP_BACK, switched)).isEqualTo(new DnsFacts.FlipBack(switched));
        assertThat(SwitchDnsFacts.of(StepType.LOWER_TTL, switched)).isEqualTo(new DnsFacts.LowerTtl(switched, null));
        assertThat(SwitchDnsFacts.of(StepType.RESTORE_TTL, switched)).isEqualTo(new DnsFacts.RestoreTtl(switched));
    }

    /** {@code params} as the handler reads them: decoded into the step's record, then checked. */
    private static SwitchDnsRequest request(Map<String, Object> params) throws StepFailedException {
        return FlipBackRequest.from(StepParametersOf.params(StepType.FLIP_BACK, params, StepParameters.FlipBack.class));
    }
}
