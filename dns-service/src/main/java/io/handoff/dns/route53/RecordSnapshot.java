package io.handoff.dns.route53;

import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * One record set exactly as Route 53 held it when read, kept whole (alias, routing policy, every value)
 * so that it can be put back as it was.
 */
public final class RecordSnapshot {
    private final ResourceRecordSet recordSet;

    RecordSnapshot(ResourceRecordSet recordSet) {
        this.recordSet = recordSet;
    }

    /** The TTL in seconds; {@code null} for an alias. */
    public Long ttl() {
        return recordSet.ttl();
    }

    /** The value for reports: the single value, values joined by commas, or {@code ALIAS <target>}. */
    public String value() {
        if (recordSet.aliasTarget() != null) {
            return "ALIAS " + recordSet.aliasTarget().dnsName();
        }
        return recordSet.resourceRecords().stream().map(ResourceRecord::value).collect(Collectors.joining(","));
    }

    /** {@code true} when this is a plain record set whose only value means {@code value}. */
    public boolean holdsOnly(String type, String value) {
        return recordSet.aliasTarget() == null
                && recordSet.resourceRecords().size() == 1
                && DnsNames.sameValue(type, recordSet.resourceRecords().get(0).value(), value);
    }

    ResourceRecordSet recordSet() {
        return recordSet;
    }
}
