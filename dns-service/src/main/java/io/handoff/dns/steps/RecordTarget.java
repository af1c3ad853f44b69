package io.handoff.dns.steps;

import io.handoff.dns.route53.RecordSpec;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * One record of a SWITCH_DNS command.
 *
 * @param zone          the hosted zone as the command names it (name or id)
 * @param spec          what the record must hold after the switch
 * @param previousValue what it is expected to hold before the switch, {@code null} when not stated
 */
record RecordTarget(String zone, RecordSpec spec, String previousValue) {

    /** {@code "nothing was changed; records left as they were: <records>"}, the state of a refused switch. */
    static String nothingChanged(Collection<RecordTarget> records) {
        return "nothing was changed; records left as they were: " + describe(records);
    }

    /** The records as {@code name type (zone z)}, comma-separated, for failure reports. */
    static String describe(Collection<RecordTarget> records) {
        return records.stream()
                .map(r -> r.spec().name() + " " + r.spec().type() + " (zone " + r.zone() + ")")
                .collect(Collectors.joining(", "));
    }
}
