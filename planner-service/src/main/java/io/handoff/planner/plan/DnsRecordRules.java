package io.handoff.planner.plan;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a plan's DNS records may hold, checked before anything reaches dns-service or Route 53: zones and
 * names are host names (letters, digits, '_' and '-' in labels of at most 63, at most 253 characters), a
 * record's name lies in its hosted zone, an A record's values are IPv4 addresses and a CNAME's values are host
 * names. Names compare case-insensitively, with or without the trailing dot. Pure, thread-safe; no lookup.
 */
final class DnsRecordRules {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
            + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final int MAX_NAME = 253;

    private DnsRecordRules() {
    }

    /** {@code value} (required and trimmed) with its trailing dot, or null after naming why it is no host name. */
    static String hostName(List<FieldError> errors, String field, String value) {
        if (value == null) {
            return null;
        }
        if (!isHostName(value)) {
            errors.add(new FieldError(field, "must be a DNS name such as db.internal.example. (labels of letters, digits,"
                    + " '_' or '-', at most 63 each and " + MAX_NAME + " in all), got " + PlanNames.shown(value)));
            return null;
        }
        return value.endsWith(".") ? value : value + ".";
    }

    /** Names a {@code name} (a checked host name) that is not {@code zone} or under it; a CNAME also not the apex. */
    static void inZone(List<FieldError> errors, String field, String name, String zone, String type) {
        if (name == null || zone == null) {
            return;
        }
        String n = name.toLowerCase(Locale.ROOT);
        String z = zone.toLowerCase(Locale.ROOT);
        if (!n.equals(z) && !n.endsWith("." + z)) {
            errors.add(new FieldError(field, "'" + name + "' is not in the hosted zone '" + zone + "'"));
        } else if (n.equals(z) && "CNAME".equals(type)) {
            errors.add(new FieldError(field, "a CNAME cannot be the zone apex '" + zone + "'"));
        }
    }

    /** {@code value} (required and trimmed) when it fits a record of {@code type} (A or CNAME), or null after naming it. */
    static String value(List<FieldError> errors, String field, String type, String value) {
        if (value == null || type == null) {
            return value;
        }
        if ("A".equals(type) && !IPV4.matcher(value).matches()) {
            errors.add(new FieldError(field, "an A record holds an IPv4 address such as 10.0.0.12, got " + PlanNames.shown(value)));
            return null;
        }
        if ("CNAME".equals(type) && !isHostName(value)) {
            errors.add(new FieldError(field, "a CNAME holds a DNS name such as aurora.cluster-abc.eu-west-1.rds.amazonaws.com.,"
                    + " got " + PlanNames.shown(value)));
            return null;
        }
        return value;
    }

    /** A key under which two spellings of the same record (case, trailing dot) are equal. */
    static String key(String zone, String name) {
        return zone.toLowerCase(Locale.ROOT) + " " + name.toLowerCase(Locale.ROOT);
    }

    private static boolean isHostName(String value) {
        String bare = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        if (bare.isEmpty() || bare.length() > MAX_NAME) {
            return false;
        }
        for (String label : bare.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
