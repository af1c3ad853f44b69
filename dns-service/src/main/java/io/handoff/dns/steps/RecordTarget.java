package io.handoff.dns.steps;

import io.handoff.dns.route53.RecordSpec;
import io.handoff.dns.route53.RecordValue;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * One record of a DNS step (SWITCH_DNS, FLIP_BACK, LOWER_TTL, RESTORE_TTL).
 *
 * @param zone     the hosted zone as the command names it (name or id)
 * @param spec     what the record must hold after the step (or that it must be absent)
 * @param previous what it is expected to answer before the step (TTL aside), {@code null} when not stated
 */
record RecordTarget(String zone, RecordSpec spec, RecordValue previous) {

    /** The record's name in facts: its name, with {@code [setIdentifier]} for a weighted record. */
    String factKey() {
        return spec.setIdentifier() == null ? spec.name() : spec.name() + " [" + spec.setIdentifier() + "]";
    }

    /** {@code "nothing was changed; records left as they were: <records>"}, the state of a refused step. */
    static String nothingChanged(Collection<RecordTarget> records) {
        return "nothing was changed; records left as they were: " + describe(records);
    }

    /** The records as {@code name type (zone z)}, comma-separated, for failure reports. */
    static String describe(Collection<RecordTarget> records) {
        return records.stream()
                .map(r -> r.spec().key() + " (zone " + r.zone() + ")")
                .collect(Collectors.joining(", "));
    }
}
