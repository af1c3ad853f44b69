package io.handoff.route53emu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One Route 53 resource record set, as stored by the emulator.
 *
 * <p>A record set is either a plain one ({@code ttl} and {@code values} present, {@code aliasTarget}
 * null) or an alias ({@code aliasTarget} present, {@code ttl} null, {@code values} empty). Weighted
 * record sets carry a {@code setIdentifier} and a {@code weight}; they are keyed by
 * name + type + set identifier.
 *
 * @param name           normalized owner name (lower case, trailing dot)
 * @param type           record type in upper case, e.g. {@code A}, {@code CNAME}
 * @param setIdentifier  null for simple routing
 * @param weight         null unless weighted
 * @param ttl            seconds; null for alias record sets
 * @param values         resource record values as Route 53 reports them (TXT values keep their quotes)
 * @param aliasTarget    null unless this is an alias record set
 */
public record RecordSet(String name, String type, String setIdentifier, Long weight, Long ttl,
                        List<String> values, AliasTarget aliasTarget) {

    public RecordSet {
        name = DnsNames.normalize(name);
        type = Objects.requireNonNull(type, "type").toUpperCase(Locale.ROOT);
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** A simple (non-weighted, non-alias) record set. */
    public static RecordSet simple(String name, String type, long ttl, List<String> values) {
        return new RecordSet(name, type, null, null, ttl, values, null);
    }

    /** The key Route 53 uses to identify the record set within its zone. */
    public Key key() {
        return new Key(name, type, setIdentifier);
    }

    /** True for alias record sets. */
    public boolean isAlias() {
        return aliasTarget != null;
    }

    /** True for weighted record sets. */
    public boolean isWeighted() {
        return setIdentifier != null;
    }

    /**
     * True if {@code other} has exactly the same content as this record set, as Route 53 requires for a
     * DELETE: same key, TTL, weight, alias target and the same values regardless of order (values of
     * name-valued types such as CNAME compare case-insensitively and ignore a trailing dot).
     */
    public boolean sameContent(RecordSet other) {
        return key().equals(other.key())
                && Objects.equals(ttl, other.ttl)
                && Objects.equals(weight, other.weight)
                && Objects.equals(aliasTarget, other.aliasTarget)
                && sortedComparable(values).equals(sortedComparable(other.values));
    }

    private List<String> sortedComparable(Collection<String> vals) {
        List<String> out = new ArrayList<>();
        for (String v : vals) {
            out.add(comparableValue(v));
        }
        out.sort(null);
        return out;
    }

    private String comparableValue(String v) {
        String t = v.trim();
        if (type.equals("CNAME") || type.equals("NS") || type.equals("PTR")) {
            t = t.toLowerCase(Locale.ROOT);
            if (!t.endsWith(".")) {
                t = t + ".";
            }
        }
        return t;
    }

    /**
     * Identity of a record set in its zone; ordered as Route 53 lists record sets: by name with labels
     * reversed, then type, then set identifier (absent first).
     */
    public record Key(String name, String type, String setIdentifier) implements Comparable<Key> {

        @Override
        public int compareTo(Key o) {
            int c = DnsNames.compareReversed(name, o.name);
            if (c != 0) {
                return c;
            }
            c = type.compareTo(o.type);
            if (c != 0) {
                return c;
            }
            if (setIdentifier == null || o.setIdentifier == null) {
                return setIdentifier == null ? (o.setIdentifier == null ? 0 : -1) : 1;
            }
            return setIdentifier.compareTo(o.setIdentifier);
        }

        @Override
        public String toString() {
            return "[name='" + name + "', type='" + type + "'"
                    + (setIdentifier == null ? "" : ", set-identifier='" + setIdentifier + "'") + "]";
        }
    }
}
