package io.handoff.dns.route53;

import java.util.Locale;

/** Spelling rules for names and record values, as Route 53 compares them. */
public final class DnsNames {

    private DnsNames() {
    }

    /** {@code name} in lower case with its trailing dot, the form Route 53 lists names in. */
    public static String normalize(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    /** {@code true} when {@code name} is {@code zone} itself or a name under it. */
    public static boolean isInZone(String name, String zone) {
        String n = normalize(name);
        String z = normalize(zone);
        return n.equals(z) || n.endsWith("." + z);
    }

    /**
     * {@code true} when two values of a record of {@code type} mean the same: a CNAME target compares
     * case-insensitively with or without its trailing dot; other values compare as written, trimmed.
     */
    public static boolean sameValue(String type, String a, String b) {
        if ("CNAME".equals(type)) {
            return normalize(a).equals(normalize(b));
        }
        return a.trim().equals(b.trim());
    }

    /** A Route 53 resource id without its path prefix: {@code /hostedzone/Z1} and {@code Z1} give {@code Z1}. */
    public static String bareId(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
