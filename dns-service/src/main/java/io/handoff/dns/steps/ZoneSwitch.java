package io.handoff.dns.steps;

import io.handoff.dns.route53.RecordSnapshot;
import io.handoff.dns.route53.RecordSpec;
import io.handoff.dns.route53.Replacement;
import io.handoff.dns.route53.ZoneRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One hosted zone's part of a DNS step: its records, each with what Route 53 held for it when read
 * before the step. Immutable; the "before" state stays what was read even after the zone changed.
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

    Optional<RecordSnapshot> before(RecordTarget record) {
        return before.get(record);
    }

    /** The records that did not hold their target when read: what this zone's batch writes. */
    List<RecordTarget> pending() {
        return before.entrySet().stream()
                .filter(e -> !e.getKey().spec().isHeldBy(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** {@code true} when every record already held its target. */
    boolean inPlace() {
        return pending().isEmpty();
    }

    /** This zone's batch: each pending record deleted exactly as read and created as targeted. */
    List<Replacement> replacements() {
        return pending().stream().map(r -> Replacement.of(before.get(r), r.spec())).toList();
    }

    /**
     * What {@code record} held before the step: what was read, or, for a record found already in place,
     * the command's {@code previous} value when given (Route 53 no longer holds the old one; its TTL is
     * then unknown, {@code null}, and so is a weighted record's weight). Empty when the record did not exist.
     */
    Optional<RecordSpec> oldSpec(RecordTarget record) {
        if (!pending().contains(record) && record.previous() != null) {
            RecordSpec spec = record.spec();
            return Optional.of(new RecordSpec(spec.name(), spec.type(), spec.setIdentifier(), null, null,
                    record.previous()));
        }
        return before.get(record).map(RecordSnapshot::toSpec);
    }

    /** {@link #oldSpec} for reports: its value, {@code null} when the record did not exist. */
    String oldValue(RecordTarget record) {
        return oldSpec(record).map(s -> s.value().describe()).orElse(null);
    }

    /**
     * Pending records that answer neither the {@code previous} value the command expects nor their new
     * value (with another TTL): someone changed them since the plan was made. Each as a sentence.
     */
    List<String> unexpectedValues() {
        List<String> problems = new ArrayList<>();
        for (RecordTarget record : pending()) {
            Optional<RecordSnapshot> current = before.get(record);
            if (record.previous() == null) {
                continue;
            }
            String type = record.spec().type();
            boolean known = current.map(c -> c.content().sameAs(type, record.previous())
                            || (!record.spec().absent() && c.content().sameAs(type, record.spec().value())))
                    .orElse(record.spec().absent());
            if (!known) {
                problems.add(record.spec().key() + " holds " + current.map(RecordSnapshot::value).orElse("nothing")
                        + ", not the expected previous value " + record.previous().describe());
            }
        }
        return problems;
    }
}
