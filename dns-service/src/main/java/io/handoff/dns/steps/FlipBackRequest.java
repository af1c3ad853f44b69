package io.handoff.dns.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.DnsFacts;
import io.handoff.common.step.StepParameters;
import io.handoff.dns.route53.RecordSpec;
import io.handoff.dns.route53.RecordValue;
import io.handoff.kit.steps.StepFailedException;
import java.util.ArrayList;
import java.util.List;

/**
 * The params of a FLIP_BACK command read as the reverse of the SWITCH_DNS it undoes: {@code application}
 * and {@code switchFacts}, the facts that SWITCH_DNS step reported on success ({@link DnsFacts.SwitchDns}). Every
 * record of its {@code records} goes back to its {@code before} (deleted when it did not exist), and is
 * expected to hold its {@code after} until then, so a record changed since the switch is refused, not
 * overwritten. A {@code before} whose TTL or weight is unknown (the switch found the record already
 * switched) keeps the TTL or weight it has now.
 */
final class FlipBackRequest {
    private static final StepType STEP = StepType.FLIP_BACK;
    private static final String RECORDS = DnsParams.SWITCH_FACTS + "." + StepParams.RECORDS;

    private FlipBackRequest() {
    }

    /**
     * The switch that undoes {@code flipBack.switchFacts}.
     *
     * @throws StepFailedException terminal, naming the first offending field, when a value is missing or wrong
     */
    static SwitchDnsRequest from(StepParameters.FlipBack flipBack) throws StepFailedException {
        DnsFacts.Switched facts = flipBack.switchFacts().switched();
        if (flipBack.application() != null && flipBack.application().isBlank()) {
            throw SwitchDnsRequest.invalid(STEP, StepParams.APPLICATION, "is missing or not a non-blank text");
        }
        String application = flipBack.application() != null ? flipBack.application().trim()
                : SwitchDnsRequest.text(facts == null ? null : facts.application(),
                        DnsParams.SWITCH_FACTS + "." + StepParams.APPLICATION, STEP);
        List<DnsFacts.SwitchedRecord> entries = facts == null ? null : facts.records();
        if (entries == null || entries.isEmpty()) {
            throw SwitchDnsRequest.invalid(STEP, RECORDS, "must be a non-empty list of records");
        }
        List<RecordTarget> records = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            records.add(target(entries.get(i), RECORDS + "[" + i + "]"));
        }
        return SwitchDnsRequest.of(STEP, application, records);
    }

    /** The record {@code entry} goes back to, expected to hold what the switch put in place. */
    private static RecordTarget target(DnsFacts.SwitchedRecord entry, String path) throws StepFailedException {
        if (entry == null) {
            throw SwitchDnsRequest.invalid(STEP, path, "must be a record {zone, name, type, before, after}");
        }
        SwitchDnsRequest.RecordKey key = SwitchDnsRequest.key(
                SwitchDnsRequest.text(entry.zone(), path + "." + StepParams.RECORD_ZONE, STEP),
                SwitchDnsRequest.text(entry.name(), path + "." + StepParams.RECORD_NAME, STEP),
                SwitchDnsRequest.text(entry.type(), path + "." + StepParams.RECORD_TYPE, STEP),
                entry.setIdentifier(), path, STEP);
        DnsFacts.Content before = entry.before();
        DnsFacts.Content after = entry.after();
        String beforePath = path + ".before";
        String afterPath = path + ".after";
        RecordValue switchedTo = after == null ? null : value(after, afterPath);
        Long switchedTtl = after == null ? null : ttl(after, afterPath);
        if (before == null) {
            return new RecordTarget(key.zone(), new RecordSpec(key.name(), key.type(), key.setIdentifier(), null, null,
                    null), switchedTo);
        }
        RecordValue original = value(before, beforePath);
        Long ttl = original.isAlias() ? null : ttl(before, beforePath);
        if (!original.isAlias() && ttl == null) {
            ttl = switchedTtl;
        }
        if (!original.isAlias() && ttl == null) {
            throw SwitchDnsRequest.invalid(STEP, beforePath + "." + StepParams.RECORD_TTL,
                    "is unknown, and so is the TTL after the switch");
        }
        Long weight = before.weight();
        if (key.setIdentifier() != null && weight == null && after != null) {
            weight = after.weight();
        }
        if (key.setIdentifier() != null && weight == null) {
            throw SwitchDnsRequest.invalid(STEP, beforePath + "." + DnsParams.WEIGHT,
                    "is missing for the weighted record " + key.setIdentifier());
        }
        return new RecordTarget(key.zone(), new RecordSpec(key.name(), key.type(), key.setIdentifier(), weight, ttl,
                original), switchedTo);
    }

    private static RecordValue value(DnsFacts.Content content, String path) throws StepFailedException {
        if (content.alias() != null) {
            StepParameters.Alias alias = content.alias();
            return RecordValue.ofAlias(new RecordValue.Alias(alias.hostedZoneId(), alias.dnsName(),
                    Boolean.TRUE.equals(alias.evaluateTargetHealth())));
        }
        List<String> values = content.values();
        if (values == null || values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw SwitchDnsRequest.invalid(STEP, path + "." + DnsParams.VALUES, "must be a non-empty list of texts");
        }
        return new RecordValue(values, null);
    }

    /** The TTL of {values, ttl}; {@code null} when not known. */
    private static Long ttl(DnsFacts.Content content, String path) throws StepFailedException {
        return content.ttl() == null ? null : SwitchDnsRequest.ttl(content.ttl(), path + "." + StepParams.RECORD_TTL, STEP);
    }
}
