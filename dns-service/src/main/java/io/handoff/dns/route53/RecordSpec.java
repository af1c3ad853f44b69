package io.handoff.dns.route53;

import java.util.Optional;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A record set to put in place, or to be absent: simple routing, weighted (with a set identifier), plain
 * values or an alias.
 *
 * @param name          owner name, normalized ({@link DnsNames#normalize})
 * @param type          {@code CNAME} or {@code A}
 * @param setIdentifier the weighted record set's identifier, {@code null} for simple routing
 * @param weight        the weighted record set's weight, {@code null} for simple routing
 * @param ttl           seconds; {@code null} for an alias or an absent record
 * @param value         what it answers; {@code null} when the record must not exist
 */
public record RecordSpec(String name, String type, String setIdentifier, Long weight, Long ttl, RecordValue value) {

    /** Normalizes the name. */
    public RecordSpec {
        name = DnsNames.normalize(name);
    }

    /** A simple record with one value. */
    public static RecordSpec simple(String name, String type, long ttl, String value) {
        return new RecordSpec(name, type, null, null, ttl, RecordValue.of(value));
    }

    /** {@code true} when this spec says the record must not exist. */
    public boolean absent() {
        return value == null;
    }

    /** The record as reports name it: {@code name type} and {@code [setIdentifier]} when weighted. */
    public String key() {
        return name + " " + type + (setIdentifier == null ? "" : " [" + setIdentifier + "]");
    }

    /** The same record with another TTL (ignored for aliases and absent records). */
    public RecordSpec withTtl(long newTtl) {
        return new RecordSpec(name, type, setIdentifier, weight, absent() || value.isAlias() ? null : newTtl, value);
    }

    /** For reports: the value and TTL, or {@code nothing}. */
    public String describe() {
        return absent() ? "nothing" : value.describe() + (ttl == null ? "" : " (TTL " + ttl + ")");
    }

    /** {@code true} when {@code current} is exactly this record (value, TTL, weight), or both are absent. */
    public boolean isHeldBy(Optional<RecordSnapshot> current) {
        if (current.isEmpty()) {
            return absent();
        }
        RecordSnapshot now = current.get();
        return !absent() && value.sameAs(type, now.content())
                && java.util.Objects.equals(ttl, now.ttl())
                && java.util.Objects.equals(weight, now.weight());
    }

    /** The record set to write; not for an absent spec. */
    ResourceRecordSet toRecordSet() {
        ResourceRecordSet.Builder builder = ResourceRecordSet.builder().name(name).type(type)
                .setIdentifier(setIdentifier).weight(weight);
        if (value.isAlias()) {
            builder.aliasTarget(AliasTarget.builder().hostedZoneId(value.alias().hostedZoneId())
                    .dnsName(value.alias().dnsName()).evaluateTargetHealth(value.alias().evaluateTargetHealth()).build());
        } else {
            builder.ttl(ttl).resourceRecords(value.values().stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
        }
        return builder.build();
    }
}
