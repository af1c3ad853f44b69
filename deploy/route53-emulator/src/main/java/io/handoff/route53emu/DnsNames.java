package io.handoff.route53emu;

import java.util.Comparator;
import java.util.Locale;

/**
 * DNS name rules shared by the API and the DNS server.
 *
 * <p>Route 53 treats names case-insensitively and always reports them fully qualified (with a
 * trailing dot), with a leading {@code *} label written as the octal escape {@code \052}. Every name
 * that enters the emulator passes through {@link #normalize(String)} so that lookups, comparisons and
 * listings agree.
 */
final class DnsNames {

    /** Route 53's ordering of names: labels reversed ({@code www.example.com.} sorts as {@code com.example.www}). */
    static final Comparator<String> REVERSED_LABEL_ORDER = DnsNames::compareReversed;

    private DnsNames() {
    }

    /**
     * Normalizes a DNS name: trims, lower-cases (ASCII), appends the trailing dot and writes a leading
     * {@code *} label as {@code \052}. The root is {@code "."}.
     *
     * @throws IllegalArgumentException if the name is null or blank
     */
    static String normalize(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("DNS name must not be empty");
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".")) {
            n = n + ".";
        }
        if (n.equals("*.") || n.startsWith("*.")) {
            n = "\\052" + n.substring(1);
        }
        return n;
    }

    /** True if {@code name} equals {@code zone} or lies below it; both must be normalized. */
    static boolean isInZone(String name, String zone) {
        return zone.equals(".") || name.equals(zone) || name.endsWith("." + zone);
    }

    /** True if {@code name} is strictly below {@code ancestor}; both must be normalized. */
    static boolean isBelow(String name, String ancestor) {
        return !name.equals(ancestor) && isInZone(name, ancestor);
    }

    /** Compares two normalized names label by label from the right. A name sorts before its descendants. */
    static int compareReversed(String a, String b) {
        String[] la = labels(a);
        String[] lb = labels(b);
        int ia = la.length - 1;
        int ib = lb.length - 1;
        while (ia >= 0 && ib >= 0) {
            int c = la[ia].compareTo(lb[ib]);
            if (c != 0) {
                return c;
            }
            ia--;
            ib--;
        }
        return Integer.compare(la.length, lb.length);
    }

    private static String[] labels(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.isEmpty() ? new String[0] : n.split("\\.", -1);
    }
}
