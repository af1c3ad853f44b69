package io.handoff.dns.steps;

import io.handoff.common.event.StepType;
import io.handoff.common.step.DnsFacts;
import io.handoff.common.step.StepFacts;
import io.handoff.common.step.StepParameters;
import io.handoff.dns.route53.RecordSpec;
import io.handoff.dns.route53.RecordValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The facts of a DNS step's report, collected while the switch runs, as {@link DnsFacts.Switched}. The shape is the
 * same whether the switch changed something, found everything in place, or failed part-way:
 * <ul>
 *   <li>{@code application}: the application;</li>
 *   <li>{@code zones}: per zone {@code zone} (as named), {@code zoneId}, {@code changeId} (absent when the zone needed
 *       no change), {@code insyncMs} (submission to INSYNC, 0 when not changed or not seen);</li>
 *   <li>{@code oldValues} and {@code newValues}: record name (followed by {@code [setIdentifier]} for a weighted
 *       record) to value: the value, values joined by commas, or {@code ALIAS <target>}; {@code null} for a record that
 *       did not exist;</li>
 *   <li>{@code insyncMs}: the largest per-zone {@code insyncMs};</li>
 *   <li>{@code alreadyApplied}: every record held its target and nothing was written;</li>
 *   <li>{@code records}: per record, zone, name, type and the full record before and after (what FLIP_BACK restores
 *       from, {@link FlipBackRequest});</li>
 *   <li>{@code sdkRetries}: Route 53 calls the SDK retried (throttling, 5xx) during this command;</li>
 *   <li>{@code dnsVerified}: a DNS server answered every checked record with its new value.</li>
 * </ul>
 * Not thread-safe: one instance per command.
 */
final class SwitchDnsFacts {

    private final StepType step;
    private final String application;
    private final List<ZoneSwitch> zones;
    private final Map<ZoneSwitch, String> changeIds = new HashMap<>();
    private final Map<ZoneSwitch, Long> insyncMs = new HashMap<>();
    private final LongSupplier sdkRetries;
    private boolean dnsVerified;

    /** @param sdkRetries the SDK retries made for this command so far */
    SwitchDnsFacts(StepType step, String application, List<ZoneSwitch> zones, LongSupplier sdkRetries) {
        this.step = step;
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

    /** The facts collected so far. */
    DnsFacts.Switched switched(boolean alreadyApplied) {
        List<DnsFacts.Zone> zoneFacts = new ArrayList<>();
        // Values are null for a record that did not (does not) exist: LinkedHashMap, not Map.of, which refuses nulls.
        Map<String, String> oldValues = new LinkedHashMap<>();
        Map<String, String> newValues = new LinkedHashMap<>();
        List<DnsFacts.SwitchedRecord> records = new ArrayList<>();
        for (ZoneSwitch zone : zones) {
            zoneFacts.add(new DnsFacts.Zone(zone.zone().label(), zone.zone().id(), changeIds.get(zone),
                    insyncMs.getOrDefault(zone, 0L)));
            for (RecordTarget record : zone.records()) {
                RecordSpec spec = record.spec();
                oldValues.put(record.factKey(), zone.oldValue(record));
                newValues.put(record.factKey(), spec.absent() ? null : spec.value().describe());
                records.add(new DnsFacts.SwitchedRecord(record.zone(), zone.zone().id(), spec.name(), spec.type(),
                        spec.setIdentifier(), zone.oldSpec(record).map(SwitchDnsFacts::content).orElse(null),
                        spec.absent() ? null : content(spec)));
            }
        }
        return new DnsFacts.Switched(application, zoneFacts, oldValues, newValues, records,
                insyncMs.values().stream().mapToLong(Long::longValue).max().orElse(0), alreadyApplied,
                sdkRetries.getAsLong(), dnsVerified);
    }

    /** The facts collected so far as the facts record of this step: what it reports when it fails part-way. */
    StepFacts failed() {
        return of(step, switched(false));
    }

    /**
     * {@code switched} as the facts record of {@code step}. LOWER_TTL's {@code oldTtls} are left out: its handler adds
     * them ({@link LowerTtlHandler}).
     */
    static StepFacts of(StepType step, DnsFacts.Switched switched) {
        return switch (step) {
            case SWITCH_DNS -> new DnsFacts.SwitchDns(switched);
            case FLIP_BACK -> new DnsFacts.FlipBack(switched);
            case LOWER_TTL -> new DnsFacts.LowerTtl(switched, null);
            case RESTORE_TTL -> new DnsFacts.RestoreTtl(switched);
            default -> throw new IllegalArgumentException(step + " is not a DNS step");
        };
    }

    /**
     * {values, ttl} or {alias}, with the weight of a weighted record: what FLIP_BACK reads back ({@link FlipBackRequest}).
     * The TTL is null when unknown (a {@link ZoneSwitch#oldSpec} taken from the command).
     */
    static DnsFacts.Content content(RecordSpec spec) {
        RecordValue value = spec.value();
        if (value.isAlias()) {
            RecordValue.Alias alias = value.alias();
            return new DnsFacts.Content(spec.weight(), null, null,
                    new StepParameters.Alias(alias.hostedZoneId(), alias.dnsName(), alias.evaluateTargetHealth()));
        }
        return new DnsFacts.Content(spec.weight(), spec.ttl(), value.values(), null);
    }
}
