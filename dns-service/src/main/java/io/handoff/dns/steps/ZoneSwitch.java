package io.handoff.dns.steps;

import io.handoff.dns.route53.RecordSnapshot;
import io.handoff.dns.route53.RecordSpec;
import io.handoff.dns.route53.Restoration;
import io.handoff.dns.route53.ZoneRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One hosted zone's part of a switch: its records, each with what Route 53 held for it when read
 * before the switch. Immutable; the "before" state stays what was read even after the zone changed.
 */
final class ZoneSwitch {
    private final ZoneRef zone;
    private final Map<RecordTarget, Optional<RecordSnapshot>> before;

    ZoneSwitch(ZoneRef zone, Map<RecordTarget, Optional<RecordSnapshot>> before) {
        this.zone = zone;
        this.before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
    }

    ZoneRef zone() {
        return zone;
    }

    List<RecordTarget> records() {
        return List.copyOf(before.keySet());
    }

    /** The records that did not hold their target when read: what this zone's batch writes. */
    List<RecordTarget> pending() {
        return before.entrySet().stream()
                .filter(e -> e.getValue().map(current -> !e.getKey().spec().isHeldBy(current)).orElse(true))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** {@code true} when every record already held its target. */
    boolean inPlace() {
        return pending().isEmpty();
    }

    List<RecordSpec> pendingSpecs() {
        return pending().stream().map(RecordTarget::spec).toList();
    }

    /** How to undo this zone's batch. */
    List<Restoration> restorations() {
        return pending().stream().map(r -> new Restoration(r.spec(), before.get(r))).toList();
    }

    /**
     * The value {@code record} had before the switch: what was read, or, for a record found already
     * switched, the command's {@code previousValue} when given (Route 53 no longer holds the old one).
     * {@code null} when the record did not exist.
     */
    String oldValue(RecordTarget record) {
        if (!pending().contains(record) && record.previousValue() != null) {
            return record.previousValue();
        }
        return before.get(record).map(RecordSnapshot::value).orElse(null);
    }

    /**
     * Pending records that hold neither the {@code previousValue} the command expects nor their new value
     * (with another TTL): someone changed them since the plan was made. Each as a sentence for the report.
     */
    List<String> unexpectedValues() {
        List<String> problems = new ArrayList<>();
        for (RecordTarget record : pending()) {
            Optional<RecordSnapshot> current = before.get(record);
            String expected = record.previousValue();
            if (expected == null) {
                continue;
            }
            String type = record.spec().type();
            boolean known = current.map(c -> c.holdsOnly(type, expected) || c.holdsOnly(type, record.spec().value()))
                    .orElse(false);
            if (!known) {
                problems.add(record.spec().name() + " holds " + current.map(RecordSnapshot::value).orElse("nothing")
                        + ", not the expected previousValue " + expected);
            }
        }
        return problems;
    }
}
