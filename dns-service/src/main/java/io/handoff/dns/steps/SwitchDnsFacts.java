package io.handoff.dns.steps;

import io.handoff.common.event.StepParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The facts of a SWITCH_DNS report, collected while the switch runs. The shape is the same whether
 * the switch changed something, found everything in place, or failed part-way:
 * <ul>
 *   <li>{@value StepParams#APPLICATION}: the application;</li>
 *   <li>{@value #ZONES}: per zone {@code zone} (as named), {@code zoneId}, {@code changeId} ({@code null}
 *       when the zone needed no change), {@code insyncMs} (submission to INSYNC, 0 when not changed or not seen);</li>
 *   <li>{@value #OLD_VALUES} and {@value #NEW_VALUES}: record name to value ({@code null} for a record that did not exist);</li>
 *   <li>{@value #INSYNC_MS}: the largest per-zone {@code insyncMs};</li>
 *   <li>{@value StepParams#FACT_ALREADY_APPLIED}: every record held its target and nothing was written;</li>
 *   <li>{@value #SDK_RETRIES}: Route 53 calls the SDK retried (throttling, 5xx) during this command.</li>
 * </ul>
 * Not thread-safe: one instance per command.
 */
final class SwitchDnsFacts {
    static final String ZONES = "zones";
    static final String OLD_VALUES = "oldValues";
    static final String NEW_VALUES = "newValues";
    static final String INSYNC_MS = "insyncMs";
    static final String SDK_RETRIES = "sdkRetries";

    private final String application;
    private final List<ZoneSwitch> zones;
    private final Map<ZoneSwitch, String> changeIds = new HashMap<>();
    private final Map<ZoneSwitch, Long> insyncMs = new HashMap<>();
    private final LongSupplier sdkRetries;

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

    /** The facts as a JSON-shaped map. */
    Map<String, Object> toMap(boolean alreadyApplied) {
        List<Map<String, Object>> zoneFacts = new ArrayList<>();
        Map<String, Object> oldValues = new LinkedHashMap<>();
        Map<String, Object> newValues = new LinkedHashMap<>();
        for (ZoneSwitch zone : zones) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("zone", zone.zone().label());
            entry.put("zoneId", zone.zone().id());
            entry.put("changeId", changeIds.get(zone));
            entry.put(INSYNC_MS, insyncMs.getOrDefault(zone, 0L));
            zoneFacts.add(entry);
            for (RecordTarget record : zone.records()) {
                oldValues.put(record.spec().name(), zone.oldValue(record));
                newValues.put(record.spec().name(), record.spec().value());
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(StepParams.APPLICATION, application);
        facts.put(ZONES, zoneFacts);
        facts.put(OLD_VALUES, oldValues);
        facts.put(NEW_VALUES, newValues);
        facts.put(INSYNC_MS, insyncMs.values().stream().mapToLong(Long::longValue).max().orElse(0));
        facts.put(StepParams.FACT_ALREADY_APPLIED, alreadyApplied);
        facts.put(SDK_RETRIES, sdkRetries.getAsLong());
        return facts;
    }
}
