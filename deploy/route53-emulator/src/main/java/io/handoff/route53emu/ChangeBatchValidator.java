package io.handoff.route53emu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xbill.DNS.Address;

/**
 * Validates a change batch against a zone's current record sets and computes the resulting record sets,
 * without touching the zone: the caller installs the result only if validation passed, which makes the
 * batch all-or-nothing.
 *
 * <p>Two levels of checks, as Route 53 does:
 * <ul>
 *   <li>{@link #checkShape} - request shape problems (missing TTL, unknown type, weight out of range...):
 *       {@code InvalidInput}, first problem only;</li>
 *   <li>{@link #apply} - problems against the zone's content (create of an existing record, delete of an
 *       absent or different record, name outside the zone, CNAME conflicts, bad values...):
 *       {@code InvalidChangeBatch}, listing every problem of the batch.</li>
 * </ul>
 * Changes are evaluated in order on a working copy, so a batch may DELETE a record and CREATE its
 * replacement.
 */
final class ChangeBatchValidator {

    /** Record types Route 53 accepts. Values are only checked for A, AAAA, CNAME and TXT. */
    static final Set<String> SUPPORTED_TYPES = Set.of("A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR",
            "NS", "PTR", "SOA", "SPF", "SRV", "SSHFP", "SVCB", "TLSA", "TXT");

    private static final long MAX_TTL = 2_147_483_647L;
    private static final long MAX_WEIGHT = 255L;

    private ChangeBatchValidator() {
    }

    /**
     * Checks that every change is well formed.
     *
     * @throws Route53Error {@code InvalidInput} describing the first malformed change
     */
    static void checkShape(List<Change> changes) {
        if (changes.isEmpty()) {
            throw Route53Error.invalidInput("Invalid request: the change batch must contain at least one change");
        }
        for (Change change : changes) {
            RecordSet rs = change.recordSet();
            String where = " in Change with [Action=" + change.action() + ", Name=" + rs.name() + ", Type="
                    + rs.type() + ", SetIdentifier=" + rs.setIdentifier() + "]";
            if (!SUPPORTED_TYPES.contains(rs.type())) {
                throw Route53Error.invalidInput("Invalid request: unsupported record type " + rs.type() + where);
            }
            boolean plain = rs.ttl() != null && !rs.values().isEmpty();
            boolean partial = rs.ttl() != null || !rs.values().isEmpty();
            if (rs.isAlias() == partial || (!rs.isAlias() && !plain)) {
                throw Route53Error.invalidInput("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, "
                        + "and ResourceRecords], or TrafficPolicyInstanceId], but found "
                        + (rs.isAlias() ? "more than one" : "none") + where);
            }
            if (rs.ttl() != null && (rs.ttl() < 0 || rs.ttl() > MAX_TTL)) {
                throw Route53Error.invalidInput("Invalid request: TTL must be between 0 and " + MAX_TTL + where);
            }
            if (rs.setIdentifier() != null && rs.weight() == null) {
                throw Route53Error.invalidInput("Invalid request: Missing field 'Weight'" + where);
            }
            if (rs.weight() != null && rs.setIdentifier() == null) {
                throw Route53Error.invalidInput("Invalid request: Missing field 'SetIdentifier'" + where);
            }
            if (rs.weight() != null && (rs.weight() < 0 || rs.weight() > MAX_WEIGHT)) {
                throw Route53Error.invalidInput("Invalid request: Weight must be between 0 and " + MAX_WEIGHT + where);
            }
            if (rs.setIdentifier() != null && (rs.setIdentifier().isEmpty() || rs.setIdentifier().length() > 128)) {
                throw Route53Error.invalidInput("Invalid request: SetIdentifier must have 1 to 128 characters" + where);
            }
        }
    }

    /**
     * Evaluates the changes in order against a copy of {@code current}.
     *
     * @param zoneName normalized zone name
     * @param current  the zone's record sets; not modified
     * @param changes  changes that passed {@link #checkShape}
     * @return the zone's record sets after the whole batch
     * @throws Route53Error {@code InvalidChangeBatch} listing all problems; nothing is applied then
     */
    static TreeMap<RecordSet.Key, RecordSet> apply(String zoneName, Map<RecordSet.Key, RecordSet> current,
                                                   List<Change> changes) {
        TreeMap<RecordSet.Key, RecordSet> work = new TreeMap<>(current);
        List<String> problems = new ArrayList<>();
        for (Change change : changes) {
            String problem = applyOne(zoneName, work, change);
            if (problem != null) {
                problems.add(problem);
            }
        }
        RecordSet.Key soa = new RecordSet.Key(zoneName, "SOA", null);
        RecordSet.Key ns = new RecordSet.Key(zoneName, "NS", null);
        if (!work.containsKey(soa)) {
            problems.add("A HostedZone must contain exactly one SOA record.");
        }
        if (!work.containsKey(ns)) {
            problems.add("A HostedZone must contain at least one NS record for the zone itself.");
        }
        if (!problems.isEmpty()) {
            throw Route53Error.invalidChangeBatch(problems);
        }
        return work;
    }

    private static String applyOne(String zoneName, TreeMap<RecordSet.Key, RecordSet> work, Change change) {
        RecordSet rs = change.recordSet();
        RecordSet.Key key = rs.key();
        if (!DnsNames.isInZone(rs.name(), zoneName)) {
            return "RRSet with DNS name " + rs.name() + " is not permitted in zone " + zoneName;
        }
        RecordSet existing = work.get(key);
        switch (change.action()) {
            case DELETE:
                if (existing == null) {
                    return "Tried to delete resource record set " + key + " but it was not found";
                }
                if (!existing.sameContent(rs)) {
                    return "Tried to delete resource record set " + key
                            + " but the values provided do not match the current values";
                }
                work.remove(key);
                return null;
            case CREATE:
                if (existing != null) {
                    return "Tried to create resource record set " + key + " but it already exists";
                }
                // fall through: the remaining checks are those of an UPSERT
            case UPSERT:
                String problem = checkValues(rs);
                if (problem == null) {
                    problem = checkConflicts(zoneName, work, rs);
                }
                if (problem != null) {
                    return problem;
                }
                work.put(key, rs);
                return null;
            default:
                throw new IllegalStateException("unknown action " + change.action());
        }
    }

    private static String checkValues(RecordSet rs) {
        for (String v : rs.values()) {
            String value = v.trim();
            switch (rs.type()) {
                case "A":
                    if (Address.toByteArray(value, Address.IPv4) == null) {
                        return invalidRecord("ARRDATAIllegalIPv4Address", "Value is not a valid IPv4 address", v);
                    }
                    break;
                case "AAAA":
                    if (Address.toByteArray(value, Address.IPv6) == null) {
                        return invalidRecord("AAAARRDATAIllegalIPv6Address", "Value is not a valid IPv6 address", v);
                    }
                    break;
                case "CNAME":
                    if (value.isEmpty() || value.contains(" ")) {
                        return invalidRecord("DomainLabelEmpty", "Domain label is empty", v);
                    }
                    break;
                case "TXT":
                case "SPF":
                    if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
                        return invalidRecord("InvalidCharacterString", "Value should be enclosed in quotation marks", v);
                    }
                    break;
                default:
                    break;
            }
        }
        if (rs.type().equals("CNAME") && rs.values().size() > 1) {
            return "RRSet of type CNAME with DNS name " + rs.name() + " has more than one value; a CNAME record set"
                    + " must contain exactly one value";
        }
        return null;
    }

    private static String invalidRecord(String code, String text, String value) {
        return "Invalid Resource Record: 'FATAL problem: " + code + " (" + text + ") encountered with '" + value + "''";
    }

    private static String checkConflicts(String zoneName, TreeMap<RecordSet.Key, RecordSet> work, RecordSet rs) {
        if (rs.type().equals("CNAME") && rs.name().equals(zoneName)) {
            return "RRSet of type CNAME with DNS name " + rs.name() + " is not permitted at apex in zone " + zoneName;
        }
        for (RecordSet other : work.values()) {
            if (!other.name().equals(rs.name()) || other.key().equals(rs.key())) {
                continue;
            }
            boolean cnameClash = !other.type().equals(rs.type())
                    && (other.type().equals("CNAME") || rs.type().equals("CNAME"));
            if (cnameClash) {
                return "RRSet of type " + rs.type() + " with DNS name " + rs.name() + " is not permitted because a "
                        + "conflicting RRSet of type " + other.type() + " with the same DNS name already exists in zone "
                        + zoneName;
            }
            if (other.type().equals(rs.type()) && other.isWeighted() != rs.isWeighted()) {
                return rs.isWeighted()
                        ? "RRSet with DNS name " + rs.name() + ", type " + rs.type() + ", SetIdentifier "
                        + rs.setIdentifier() + " cannot be created as a non-weighted set exists with the same name and type."
                        : "RRSet with DNS name " + rs.name() + ", type " + rs.type()
                        + " cannot be created as weighted sets exist with the same name and type.";
            }
        }
        return null;
    }
}
