package io.handoff.monitor.lag;

import io.handoff.common.event.LagSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How many transactions a replica has still to apply, from the source's binlog GTID position and the
 * replica's applied position, as the servers print them. MariaDB ({@code domain-server-seq} per
 * domain): sequence numbers grow by one per transaction within a domain (strict mode), so the distance
 * is the sum over the source's domains of the sequence difference. MySQL ({@code uuid:1-5:7}): the
 * number of transactions in the source set that the replica set lacks, per UUID (and tag, for MySQL 8.3+
 * tagged GTIDs). {@link LagSample#UNKNOWN} when a position is missing or cannot be read that way (a source
 * domain the replica never saw).
 */
public final class GtidDistance {
    private static final Pattern TAG = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");

    private GtidDistance() {
    }

    /** Transactions in {@code source} not applied in {@code replica}, or {@link LagSample#UNKNOWN}. */
    public static long transactionsBehind(String source, String replica) {
        if (source == null || replica == null) {
            return LagSample.UNKNOWN;
        }
        try {
            return source.indexOf(':') >= 0 || replica.indexOf(':') >= 0
                    ? mysqlBehind(source, replica)
                    : mariaDbBehind(source, replica);
        } catch (RuntimeException unreadable) {
            return LagSample.UNKNOWN;
        }
    }

    private static long mariaDbBehind(String source, String replica) {
        Map<Long, Long> applied = mariaDbSeqByDomain(replica);
        long behind = 0;
        for (Map.Entry<Long, Long> domain : mariaDbSeqByDomain(source).entrySet()) {
            Long replicaSeq = applied.get(domain.getKey());
            if (replicaSeq == null) {
                return LagSample.UNKNOWN;
            }
            behind += Math.max(0, domain.getValue() - replicaSeq);
        }
        return behind;
    }

    private static Map<Long, Long> mariaDbSeqByDomain(String position) {
        Map<Long, Long> seqByDomain = new HashMap<>();
        for (String gtid : entries(position)) {
            String[] parts = gtid.split("-");
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a MariaDB GTID: " + gtid);
            }
            seqByDomain.merge(Long.parseLong(parts[0]), Long.parseLong(parts[2]), Math::max);
        }
        return seqByDomain;
    }

    private static long mysqlBehind(String source, String replica) {
        Map<String, List<long[]>> applied = mysqlIntervals(replica);
        long behind = 0;
        for (Map.Entry<String, List<long[]>> uuid : mysqlIntervals(source).entrySet()) {
            List<long[]> have = applied.getOrDefault(uuid.getKey(), List.of());
            for (long[] interval : uuid.getValue()) {
                long missing = interval[1] - interval[0] + 1;
                for (long[] other : have) {
                    long overlap = Math.min(interval[1], other[1]) - Math.max(interval[0], other[0]) + 1;
                    missing -= Math.max(0, overlap);
                }
                behind += Math.max(0, missing);
            }
        }
        return behind;
    }

    /**
     * The intervals of a MySQL set per source: its UUID, or UUID and tag for tagged GTIDs (MySQL 8.3+,
     * {@code uuid:tag:1-5}, a tag applying to the intervals after it, tags case-insensitive).
     */
    private static Map<String, List<long[]>> mysqlIntervals(String set) {
        Map<String, List<long[]>> bySource = new HashMap<>();
        for (String entry : entries(set)) {
            String[] parts = entry.split(":");
            String uuid = parts[0].toLowerCase(Locale.ROOT);
            List<long[]> intervals = bySource.computeIfAbsent(uuid, u -> new ArrayList<>());
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].strip();
                if (TAG.matcher(part).matches()) {
                    intervals = bySource.computeIfAbsent(uuid + ":" + part.toLowerCase(Locale.ROOT), u -> new ArrayList<>());
                    continue;
                }
                String[] bounds = part.split("-");
                long start = Long.parseLong(bounds[0]);
                intervals.add(new long[] {start, bounds.length > 1 ? Long.parseLong(bounds[1]) : start});
            }
        }
        return bySource;
    }

    private static List<String> entries(String position) {
        List<String> entries = new ArrayList<>();
        for (String entry : position.split(",")) {
            String trimmed = entry.strip();
            if (!trimmed.isEmpty()) {
                entries.add(trimmed);
            }
        }
        return entries;
    }
}
