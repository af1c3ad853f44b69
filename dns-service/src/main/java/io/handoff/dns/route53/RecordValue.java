package io.handoff.dns.route53;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * What a record set answers, TTL aside: one or more values, or an alias target. Compared as Route 53
 * compares record sets (values in any order; CNAME targets case-insensitively, with or without the
 * trailing dot).
 *
 * @param values the values of a plain record set; empty for an alias
 * @param alias  the alias target, {@code null} for a plain record set
 */
public record RecordValue(List<String> values, Alias alias) {

    /**
     * An alias target.
     *
     * @param hostedZoneId          the target's hosted zone id (bare)
     * @param dnsName               the target name, normalized
     * @param evaluateTargetHealth  as Route 53 stores it
     */
    public record Alias(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {
        public Alias {
            hostedZoneId = DnsNames.bareId(Objects.requireNonNull(hostedZoneId, "hostedZoneId"));
            dnsName = DnsNames.normalize(dnsName);
        }
    }

    /** Copies the values; exactly one of values (non-empty) and alias. */
    public RecordValue {
        values = values == null ? List.of() : values.stream().map(String::trim).toList();
        if (values.isEmpty() == (alias == null)) {
            throw new IllegalArgumentException("a record value is either values or an alias");
        }
    }

    public static RecordValue of(String... values) {
        return new RecordValue(List.of(values), null);
    }

    public static RecordValue ofAlias(Alias alias) {
        return new RecordValue(List.of(), alias);
    }

    static RecordValue of(ResourceRecordSet recordSet) {
        if (recordSet.aliasTarget() != null) {
            return ofAlias(new Alias(recordSet.aliasTarget().hostedZoneId(), recordSet.aliasTarget().dnsName(),
                    Boolean.TRUE.equals(recordSet.aliasTarget().evaluateTargetHealth())));
        }
        return new RecordValue(recordSet.resourceRecords().stream().map(ResourceRecord::value).toList(), null);
    }

    public boolean isAlias() {
        return alias != null;
    }

    /** {@code true} when both answer the same for a record of {@code type}. */
    public boolean sameAs(String type, RecordValue other) {
        if (isAlias() || other.isAlias()) {
            return Objects.equals(alias, other.alias);
        }
        return comparable(type, values).equals(comparable(type, other.values));
    }

    /** For reports and facts: the single value, values joined by commas, or {@code ALIAS <target>}. */
    public String describe() {
        return isAlias() ? "ALIAS " + alias.dnsName() : String.join(",", values);
    }

    private static List<String> comparable(String type, List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            out.add("CNAME".equals(type) ? DnsNames.normalize(value) : value.trim());
        }
        out.sort(null);
        return out;
    }
}
