package io.handoff.dns.route53;

import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * One record set exactly as Route 53 held it when read, kept whole (alias, routing policy, every value)
 * so that it can be deleted exactly as read (which fails if it changed since) or put back as it was.
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

    /** The weight of a weighted record set, {@code null} otherwise. */
    public Long weight() {
        return recordSet.weight();
    }

    /** What it answers. */
    public RecordValue content() {
        return RecordValue.of(recordSet);
    }

    /** The value for reports: the single value, values joined by commas, or {@code ALIAS <target>}. */
    public String value() {
        return content().describe();
    }

    /** This record set as a spec, e.g. to put it back later. */
    public RecordSpec toSpec() {
        return new RecordSpec(recordSet.name(), recordSet.typeAsString(), recordSet.setIdentifier(), recordSet.weight(),
                recordSet.ttl(), content());
    }

    ResourceRecordSet recordSet() {
        return recordSet;
    }
}
