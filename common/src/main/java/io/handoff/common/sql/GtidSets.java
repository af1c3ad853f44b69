package io.handoff.common.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One text form for a GTID set read from a server, so that step facts, lag samples and comparisons
 * see the same set the same way. MySQL prints {@code gtid_executed} with a newline after each comma
 * and may give one source's transactions as several intervals ({@code uuid:1-610:611}, or the same
 * UUID twice); MariaDB prints {@code domain-server-seq} lists.
 *
 * <p>{@link #normalize(String)}: whitespace removed; for a MySQL set, each UUID once (lower case, in
 * UUID order, as MySQL orders them), its untagged intervals first, then each tag (MySQL 8.3+ tagged
 * GTIDs, {@code uuid:tag:1-5}) in name order, every interval list sorted with adjacent and overlapping
 * intervals merged ({@code 1-610,611} becomes {@code 1-611}). A MariaDB list is only stripped: its
 * entries are the last GTID per domain and server, which merging would change the meaning of. Pure,
 * thread-safe.
 */
public final class GtidSets {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern INTERVAL = Pattern.compile("\\d+(-\\d+)?");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private GtidSets() {
    }

    /**
     * The set in the form the class comment describes; {@code null} stays {@code null}, an empty or blank
     * set is {@code ""}. Text that is not a MySQL GTID set (no {@code uuid:} entry) is returned stripped.
     *
     * @throws IllegalArgumentException for a MySQL set with an entry that is neither an interval nor a tag
     */
    public static String normalize(String set) {
        if (set == null) {
            return null;
        }
        String stripped = WHITESPACE.matcher(set).replaceAll("");
        if (stripped.isEmpty() || stripped.indexOf(':') < 0) {
            return stripped;
        }
        // UUID -> tag ("" untagged) -> intervals
        Map<String, Map<String, List<long[]>>> byUuid = new TreeMap<>();
        for (String entry : stripped.split(",")) {
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split(":");
            if (!UUID.matcher(parts[0]).matches()) {
                return stripped;
            }
            Map<String, List<long[]>> tags = byUuid.computeIfAbsent(parts[0].toLowerCase(Locale.ROOT), uuid -> new TreeMap<>());
            String tag = "";
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i];
                if (INTERVAL.matcher(part).matches()) {
                    int dash = part.indexOf('-');
                    long start = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
                    long end = dash < 0 ? start : Long.parseLong(part.substring(dash + 1));
                    tags.computeIfAbsent(tag, t -> new ArrayList<>()).add(new long[] {start, Math.max(start, end)});
                } else if (!part.isEmpty() && (Character.isLetter(part.charAt(0)) || part.charAt(0) == '_')) {
                    tag = part.toLowerCase(Locale.ROOT);
                } else {
                    throw new IllegalArgumentException("Not a GTID set entry: '" + entry + "' in '" + stripped + "'");
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Map<String, List<long[]>>> uuid : byUuid.entrySet()) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(uuid.getKey());
            for (Map.Entry<String, List<long[]>> tag : uuid.getValue().entrySet()) {
                if (!tag.getKey().isEmpty()) {
                    out.append(':').append(tag.getKey());
                }
                for (long[] interval : merged(tag.getValue())) {
                    out.append(':').append(interval[0]);
                    if (interval[1] != interval[0]) {
                        out.append('-').append(interval[1]);
                    }
                }
            }
        }
        return out.toString();
    }

    private static List<long[]> merged(List<long[]> intervals) {
        List<long[]> sorted = new ArrayList<>(intervals);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] interval : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && interval[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], interval[1]);
            } else {
                merged.add(new long[] {interval[0], interval[1]});
            }
        }
        return merged;
    }
}
