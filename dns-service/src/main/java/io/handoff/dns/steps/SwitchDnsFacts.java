package io.handoff.dns.steps;

import io.handoff.common.event.StepParams;
import io.handoff.dns.route53.RecordSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The facts of a DNS step's report, collected while the switch runs. The shape is the same whether
 * the switch changed something, found everything in place, or failed part-way:
 * <ul>
 *   <li>{@value StepParams#APPLICATION}: the application;</li>
 *   <li>{@value StepParams#FACT_ZONES}: per zone {@code zone} (as named), {@code zoneId}, {@code changeId} ({@code null}
 *       when the zone needed no change), {@code insyncMs} (submission to INSYNC, 0 when not changed or not seen);</li>
 *   <li>{@value StepParams#FACT_OLD_VALUES} and {@value StepParams#FACT_NEW_VALUES}: record name (followed by
 *       {@code [setIdentifier]} for a weighted record) to value: the value, values joined by commas, or
 *       {@code ALIAS <target>}; {@code null} for a record that did not exist;</li>
 *   <li>{@value StepParams#FACT_INSYNC_MS}: the largest per-zone {@code insyncMs};</li>
 *   <li>{@value StepParams#FACT_ALREADY_APPLIED}: every record held its target and nothing was written;</li>
 *   <li>{@value DnsParams#FACT_RECORDS}: per record, zone, name, type and the full record before and after;</li>
 *   <li>{@value StepParams#FACT_SDK_RETRIES}: Route 53 calls the SDK retried (throttling, 5xx) during this command;</li>
 *   <li>{@value DnsParams#FACT_DNS_VERIFIED}: a DNS server answered every checked record with its new value.</li>
 * </ul>
 * Not thread-safe: one instance per command.
 */
final class SwitchDnsFacts {

    private final String application;
    private final List<ZoneSwitch> zones;
    private final Map<ZoneSwitch, String> changeIds = new HashMap<>();
    private final Map<ZoneSwitch, Long> insyncMs = new HashMap<>();
    private final LongSupplier sdkRetries;
    private boolean dnsVerified;

    /** @param sdkRetries the SDK retries made for this command so far */
    SwitchDnsFacts(String application, List<ZoneSwitch> zones, LongSupplier sdkRetries) {
        this.application = application;
        this.zones = zones;
        this.sdkRetries = sdkRetries;
    }

    List<ZoneSwitch> zones() {
        return zones;
    }

    void submitted(SubmittedZone zone) {
        changeIds.put(zone.zone(), zone.change().changeId());
    }

    void insync(ZoneSwitch zone, long millis) {
        insyncMs.put(zone, millis);
    }

    void dnsVerified() {
        dnsVerified = true;
    }

    /** The facts as a JSON-shaped map. */
    Map<String, Object> toMap(boolean alreadyApplied) {
        List<Map<String, Object>> zoneFacts = new ArrayList<>();
        Map<String, Object> oldValues = new LinkedHashMap<>();
        Map<String, Object> newValues = new LinkedHashMap<>();
        List<Map<String, Object>> records = new ArrayList<>();
        for (ZoneSwitch zone : zones) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("zone", zone.zone().label());
            entry.put("zoneId", zone.zone().id());
            entry.put("changeId", changeIds.get(zone));
            entry.put(StepParams.FACT_INSYNC_MS, insyncMs.getOrDefault(zone, 0L));
            zoneFacts.add(entry);
            for (RecordTarget record : zone.records()) {
                oldValues.put(record.factKey(), zone.oldValue(record));
                newValues.put(record.factKey(), record.spec().absent() ? null : record.spec().value().describe());
                Map<String, Object> recordFacts = new LinkedHashMap<>();
                recordFacts.put(StepParams.RECORD_ZONE, record.zone());
                recordFacts.put("zoneId", zone.zone().id());
                recordFacts.put(StepParams.RECORD_NAME, record.spec().name());
                recordFacts.put(StepParams.RECORD_TYPE, record.spec().type());
                recordFacts.put(DnsParams.SET_IDENTIFIER, record.spec().setIdentifier());
                recordFacts.put(DnsParams.FACT_BEFORE, zone.oldSpec(record).map(SwitchDnsFacts::content).orElse(null));
                recordFacts.put(DnsParams.FACT_AFTER, record.spec().absent() ? null : content(record.spec()));
                records.add(recordFacts);
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(StepParams.APPLICATION, application);
        facts.put(StepParams.FACT_ZONES, zoneFacts);
        facts.put(StepParams.FACT_OLD_VALUES, oldValues);
        facts.put(StepParams.FACT_NEW_VALUES, newValues);
        facts.put(DnsParams.FACT_RECORDS, records);
        facts.put(StepParams.FACT_INSYNC_MS, insyncMs.values().stream().mapToLong(Long::longValue).max().orElse(0));
        facts.put(StepParams.FACT_ALREADY_APPLIED, alreadyApplied);
        facts.put(StepParams.FACT_SDK_RETRIES, sdkRetries.getAsLong());
        facts.put(DnsParams.FACT_DNS_VERIFIED, dnsVerified);
        return facts;
    }

    /** {ttl, values} or {alias}, with the weight of a weighted record: what FLIP_BACK reads back ({@link FlipBackRequest}). */
    static Map<String, Object> content(RecordSpec spec) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (spec.weight() != null) {
            map.put(DnsParams.WEIGHT, spec.weight());
        }
        if (!spec.value().isAlias()) {
            map.put(StepParams.RECORD_TTL, spec.ttl());
        }
        map.putAll(spec.value().toMap());
        return map;
    }
}
