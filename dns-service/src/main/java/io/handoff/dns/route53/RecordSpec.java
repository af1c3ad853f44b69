package io.handoff.dns.route53;

import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A simple record set to put in place: one value with its TTL.
 *
 * @param name  owner name, normalized ({@link DnsNames#normalize})
 * @param type  {@code CNAME} or {@code A}
 * @param ttl   seconds
 * @param value the one value, as it will be written
 */
public record RecordSpec(String name, String type, long ttl, String value) {

    /** Normalizes the name. */
    public RecordSpec {
        name = DnsNames.normalize(name);
    }

    /** {@code true} when {@code current} is a simple record set holding exactly this value with this TTL. */
    public boolean isHeldBy(RecordSnapshot current) {
        return current.holdsOnly(type, value) && current.ttl() != null && current.ttl() == ttl;
    }

    ResourceRecordSet toRecordSet() {
        return ResourceRecordSet.builder().name(name).type(type).ttl(ttl)
                .resourceRecords(ResourceRecord.builder().value(value).build())
                .build();
    }
}
