package io.handoff.dns.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.StepParameters;
import io.handoff.dns.route53.DnsNames;
import io.handoff.dns.route53.HostedZones;
import io.handoff.dns.route53.RecordSpec;
import io.handoff.dns.route53.RecordValue;
import io.handoff.kit.steps.StepFailedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The validated records of a DNS step: the application and, per record, what it must hold afterwards.
 * SWITCH_DNS reads it from its parameters ({@link StepParameters.SwitchDns}); FLIP_BACK, LOWER_TTL and
 * RESTORE_TTL build it. Validation happens before anything is read or written, so a refused command
 * changed nothing.
 *
 * <p>A SWITCH_DNS record entry: {@code zone, name, type (CNAME or A), ttl} and one of {@code value} (text),
 * {@code values} (list of texts, A only) or {@code alias} ({@code {hostedZoneId, dnsName,
 * evaluateTargetHealth}}, no ttl); optionally {@code setIdentifier} with {@code weight} (a weighted record)
 * and {@code previousValue} (text) or {@code previousValues} (list), the value expected before the switch.
 *
 * @param step        the step, for reports
 * @param application the application whose records change
 * @param records     the records, in command order; never empty, no record twice
 */
record SwitchDnsRequest(StepType step, String application, List<RecordTarget> records) {
    private static final Set<String> TYPES = Set.of("CNAME", "A");
    static final long MAX_TTL = Integer.MAX_VALUE;
    private static final long MAX_WEIGHT = 255;

    /**
     * Checks SWITCH_DNS {@code params} beyond their record: records given, each record's fields consistent.
     *
     * @throws StepFailedException terminal, naming the first offending field
     */
    static SwitchDnsRequest from(StepParameters.SwitchDns params) throws StepFailedException {
        if (params.records().isEmpty()) {
            throw invalid(StepType.SWITCH_DNS, StepParams.RECORDS, "must be a non-empty list of records");
        }
        List<RecordTarget> records = new ArrayList<>();
        for (int i = 0; i < params.records().size(); i++) {
            records.add(record(params.records().get(i), StepParams.RECORDS + "[" + i + "]"));
        }
        return of(StepType.SWITCH_DNS, params.application().trim(), records);
    }

    /**
     * A request of {@code step} for {@code records}.
     *
     * @throws StepFailedException terminal when a record appears twice (facts report values by record)
     */
    static SwitchDnsRequest of(StepType step, String application, List<RecordTarget> records) throws StepFailedException {
        Map<String, Integer> indexByKey = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Integer earlier = indexByKey.putIfAbsent(records.get(i).factKey(), i);
            if (earlier != null) {
                throw invalid(step, StepParams.RECORDS + "[" + i + "]." + StepParams.RECORD_NAME, "repeats records["
                        + earlier + "] (" + records.get(i).factKey() + "): the facts report values by record name");
            }
        }
        return new SwitchDnsRequest(step, application, List.copyOf(records));
    }

    private static RecordTarget record(StepParameters.SwitchedRecord entry, String path) throws StepFailedException {
        StepType step = StepType.SWITCH_DNS;
        RecordKey key = key(entry.zone(), entry.name(), entry.type(), entry.setIdentifier(), path, step);
        boolean alias = entry.alias() != null;
        Long ttl = alias ? null : ttl(entry.ttl(), path + "." + StepParams.RECORD_TTL, step);
        RecordValue value = value(path, key.type(), StepParams.RECORD_VALUE, entry.value(), DnsParams.VALUES, entry.values(),
                DnsParams.ALIAS, entry.alias(), true);
        RecordValue previous = value(path, key.type(), StepParams.RECORD_PREVIOUS_VALUE, entry.previousValue(),
                DnsParams.PREVIOUS_VALUES, entry.previousValues(), null, null, false);
        Long weight = null;
        if (key.setIdentifier() != null) {
            if (entry.weight() == null || entry.weight() < 0 || entry.weight() > MAX_WEIGHT) {
                throw invalid(step, path + "." + DnsParams.WEIGHT, "must be a whole number from 0 to " + MAX_WEIGHT
                        + " for a weighted record (was " + entry.weight() + ")");
            }
            weight = entry.weight();
        }
        return new RecordTarget(key.zone(), new RecordSpec(key.name(), key.type(), key.setIdentifier(), weight, ttl, value),
                previous);
    }

    /** Zone, name, type and set identifier of a record entry. */
    record RecordKey(String zone, String name, String type, String setIdentifier) {
    }

    /** Checks the zone, name, type and optional set identifier of a record. */
    static RecordKey key(String zone, String name, String type, String setIdentifier, String path, StepType step)
            throws StepFailedException {
        zone = zone.trim();
        name = name.trim();
        if (!HostedZones.isZoneId(zone) && !DnsNames.isInZone(name, zone)) {
            throw invalid(step, path + "." + StepParams.RECORD_NAME, "'" + name + "' is not in zone " + zone);
        }
        String upper = type.trim().toUpperCase(Locale.ROOT);
        if (!TYPES.contains(upper)) {
            throw invalid(step, path + "." + StepParams.RECORD_TYPE, "must be CNAME or A (was " + upper + ")");
        }
        if (setIdentifier != null && setIdentifier.isBlank()) {
            throw invalid(step, path + "." + DnsParams.SET_IDENTIFIER, "must be a non-blank text when given");
        }
        return new RecordKey(zone, DnsNames.normalize(name), upper, setIdentifier);
    }

    /**
     * The value given as {@code single} (text), {@code list} (texts) or {@code aliasField} (an alias target), exactly
     * one of them when {@code required}; {@code null} when none is given and not required.
     */
    private static RecordValue value(String path, String type, String single, String one, String list, List<String> many,
            String aliasField, StepParameters.Alias alias, boolean required) throws StepFailedException {
        StepType step = StepType.SWITCH_DNS;
        int given = (one == null ? 0 : 1) + (many == null ? 0 : 1) + (alias == null ? 0 : 1);
        if (given == 0 && !required) {
            return null;
        }
        if (given != 1) {
            throw invalid(step, path + "." + single, "must be given, or " + list + (aliasField == null ? "" : ", or " + aliasField)
                    + " instead, exactly one of them");
        }
        if (one != null) {
            if (one.isBlank()) {
                throw invalid(step, path + "." + single, "must be a non-blank text");
            }
            return RecordValue.of(one.trim());
        }
        if (many != null) {
            if (many.isEmpty() || many.stream().anyMatch(v -> v == null || v.isBlank())) {
                throw invalid(step, path + "." + list, "must be a non-empty list of non-blank texts");
            }
            if ("CNAME".equals(type) && many.size() > 1) {
                throw invalid(step, path + "." + list, "a CNAME has exactly one value");
            }
            return new RecordValue(many.stream().map(String::trim).toList(), null);
        }
        return RecordValue.ofAlias(new RecordValue.Alias(alias.hostedZoneId().trim(), alias.dnsName().trim(),
                Boolean.TRUE.equals(alias.evaluateTargetHealth())));
    }

    /** A TTL: a whole number of seconds from 0 to {@link #MAX_TTL}. */
    static long ttl(Object value, String path, StepType step) throws StepFailedException {
        // Canonical JSON gives Integer or Long for whole numbers in range; anything else is refused.
        boolean whole = value instanceof Integer || value instanceof Long;
        if (!whole || ((Number) value).longValue() < 0 || ((Number) value).longValue() > MAX_TTL) {
            throw invalid(step, path, "must be a whole number of seconds from 0 to " + MAX_TTL + " (was " + value + ")");
        }
        return ((Number) value).longValue();
    }

    /** {@code value}, trimmed, when it is a non-blank text; {@code path} names it in the error otherwise. */
    static String text(String value, String path, StepType step) throws StepFailedException {
        if (value == null || value.isBlank()) {
            throw invalid(step, path, "is missing or not a non-blank text");
        }
        return value.trim();
    }

    static StepFailedException invalid(StepType step, String field, String problem) {
        return StepFailedException.terminal(step + " params: " + field + " " + problem, "nothing was changed");
    }
}
