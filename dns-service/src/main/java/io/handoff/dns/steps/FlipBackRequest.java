package io.handoff.dns.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.StepParameters;
import io.handoff.dns.route53.RecordSpec;
import io.handoff.dns.route53.RecordValue;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The params of a FLIP_BACK command read as the reverse of the SWITCH_DNS it undoes: {@code application}
 * and {@code switchFacts}, the facts that SWITCH_DNS step reported on success. Every record of
 * {@link DnsParams#FACT_RECORDS} goes back to its {@code before} (deleted when it did not exist), and is
 * expected to hold its {@code after} until then, so a record changed since the switch is refused, not
 * overwritten. A {@code before} whose TTL or weight is unknown (the switch found the record already
 * switched) keeps the TTL or weight it has now.
 */
final class FlipBackRequest {
    private static final StepType STEP = StepType.FLIP_BACK;

    private FlipBackRequest() {
    }

    /**
     * The switch that undoes {@code params.switchFacts}.
     *
     * @throws StepFailedException terminal, naming the first offending field, when a value is missing or wrong
     */
    static SwitchDnsRequest from(Map<String, Object> params) throws StepFailedException {
        StepParameters.FlipBack flipBack = StepParametersOf.params(STEP, params, StepParameters.FlipBack.class);
        Map<String, Object> facts = flipBack.switchFacts();
        if (flipBack.application() != null && flipBack.application().isBlank()) {
            throw SwitchDnsRequest.invalid(STEP, StepParams.APPLICATION, "is missing or not a non-blank text");
        }
        String application = flipBack.application() != null ? flipBack.application().trim()
                : SwitchDnsRequest.text(facts, StepParams.APPLICATION, DnsParams.SWITCH_FACTS, STEP);
        String recordsPath = DnsParams.SWITCH_FACTS + "." + DnsParams.FACT_RECORDS;
        List<Map<?, ?>> entries = SwitchDnsRequest.entries(Map.of(recordsPath, facts.get(DnsParams.FACT_RECORDS) == null
                ? List.of() : facts.get(DnsParams.FACT_RECORDS)), recordsPath, STEP, "{zone, name, type, before, after}");
        List<RecordTarget> records = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = recordsPath + "[" + i + "]";
            Map<?, ?> entry = entries.get(i);
            SwitchDnsRequest.RecordKey key = SwitchDnsRequest.key(entry, path, STEP);
            Object before = entry.get(DnsParams.FACT_BEFORE);
            Object after = entry.get(DnsParams.FACT_AFTER);
            RecordValue switchedTo = after == null ? null : value(after, path + "." + DnsParams.FACT_AFTER);
            Long switchedTtl = after == null ? null : ttl(after, path + "." + DnsParams.FACT_AFTER);
            RecordSpec target;
            if (before == null) {
                target = new RecordSpec(key.name(), key.type(), key.setIdentifier(), null, null, null);
            } else {
                RecordValue original = value(before, path + "." + DnsParams.FACT_BEFORE);
                Long ttl = original.isAlias() ? null : ttl(before, path + "." + DnsParams.FACT_BEFORE);
                if (!original.isAlias() && ttl == null) {
                    ttl = switchedTtl;
                }
                if (!original.isAlias() && ttl == null) {
                    throw SwitchDnsRequest.invalid(STEP, path + "." + DnsParams.FACT_BEFORE + "." + StepParams.RECORD_TTL,
                            "is unknown, and so is the TTL after the switch");
                }
                Long weight = ((Map<?, ?>) before).get(DnsParams.WEIGHT) instanceof Number n ? n.longValue() : null;
                if (key.setIdentifier() != null && weight == null && after instanceof Map<?, ?> switched) {
                    weight = switched.get(DnsParams.WEIGHT) instanceof Number n ? n.longValue() : null;
                }
                if (key.setIdentifier() != null && weight == null) {
                    throw SwitchDnsRequest.invalid(STEP, path + "." + DnsParams.FACT_BEFORE + "." + DnsParams.WEIGHT,
                            "is missing for the weighted record " + key.setIdentifier());
                }
                target = new RecordSpec(key.name(), key.type(), key.setIdentifier(), weight, ttl, original);
            }
            records.add(new RecordTarget(key.zone(), target, switchedTo));
        }
        return SwitchDnsRequest.of(STEP, application, records);
    }

    private static RecordValue value(Object content, String path) throws StepFailedException {
        if (!(content instanceof Map<?, ?> map)) {
            throw SwitchDnsRequest.invalid(STEP, path, "must be {ttl, values} or {alias}");
        }
        if (map.get(DnsParams.ALIAS) instanceof Map<?, ?> alias) {
            String aliasPath = path + "." + DnsParams.ALIAS;
            return RecordValue.ofAlias(new RecordValue.Alias(
                    SwitchDnsRequest.text(alias, DnsParams.ALIAS_HOSTED_ZONE_ID, aliasPath, STEP),
                    SwitchDnsRequest.text(alias, DnsParams.ALIAS_DNS_NAME, aliasPath, STEP),
                    Boolean.TRUE.equals(alias.get(DnsParams.ALIAS_EVALUATE_TARGET_HEALTH))));
        }
        if (!(map.get(DnsParams.VALUES) instanceof List<?> values) || values.isEmpty()
                || values.stream().anyMatch(v -> !(v instanceof String s) || s.isBlank())) {
            throw SwitchDnsRequest.invalid(STEP, path + "." + DnsParams.VALUES, "must be a non-empty list of texts");
        }
        return new RecordValue(values.stream().map(String.class::cast).toList(), null);
    }

    /** The TTL of {ttl, values}; {@code null} when not known. */
    private static Long ttl(Object content, String path) throws StepFailedException {
        Object ttl = ((Map<?, ?>) content).get(StepParams.RECORD_TTL);
        return ttl == null ? null : SwitchDnsRequest.ttl(ttl, path + "." + StepParams.RECORD_TTL, STEP);
    }
}
