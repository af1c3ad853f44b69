package io.handoff.demo;

import io.handoff.localstack.db.DatabaseServer;
import io.handoff.localstack.mariadb.DbAccount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The binlog census of a fenced server: every transaction its binlog holds that originated on it (its own
 * GTIDs) beyond the final GTID position captured at the fence (WAIT_SYNC's {@code position} fact: the old
 * master's position once it was read-only). A fenced master writes nothing of its own, so anything counted
 * is an application (or service) write that got past the fence. Ordered by GTID, never by time (binlog
 * timestamps are whole seconds).
 *
 * <ul>
 *   <li>MySQL (and Aurora-like MySQL): {@code GTID_SUBTRACT(@@gtid_executed, fence)} restricted to the
 *       server's {@code @@server_uuid}: exact, read in one statement.</li>
 *   <li>MariaDB: {@code @@gtid_binlog_state} holds the last GTID each server id wrote in each domain; the
 *       server's own last sequence number above the fence's in its domain means at least one own transaction
 *       after the fence (a local transaction always takes the domain's next sequence number). Only then the
 *       binlog is read ({@code SHOW BINLOG EVENTS}, from the file that began at or before the fence, found
 *       by each file's {@code Gtid_list}) to count and name every one.</li>
 * </ul>
 * Without a fence position the census is unknown: there is nothing to count from, and no fallback.
 */
final class BinlogCensus {
    /** How many GTIDs (or GTID intervals on MySQL) a census names at most. */
    static final int NAMED = 20;
    private static final Pattern MARIADB_GTID = Pattern.compile("(\\d+)-(\\d+)-(\\d+)");
    private static final Pattern GTID_EVENT = Pattern.compile("GTID (\\d+)-(\\d+)-(\\d+)");
    private static final int PAGE = 10_000;

    /**
     * @param fencePosition the old master's final position at the fence, null when the plan has none
     * @param count         own transactions after the fence; null when unknown
     * @param gtids         the first {@link #NAMED} of them, by GTID (MySQL: intervals {@code uuid:a-b})
     * @param unknownReason why {@code count} is null
     */
    record Result(String fencePosition, Long count, List<String> gtids, String unknownReason) {
        static Result unknown(String fencePosition, String reason) {
            return new Result(fencePosition, null, List.of(), reason);
        }
    }

    private BinlogCensus() {
    }

    /** The census of {@code oldMaster} past {@code fencePosition} (null: unknown). */
    static Result of(DatabaseServer oldMaster, DbAccount admin, String fencePosition) throws SQLException {
        if (fencePosition == null) {
            return Result.unknown(null, "no fence position in the plan (WAIT_SYNC's position fact missing)");
        }
        try (Connection connection = oldMaster.connect(admin)) {
            return oldMaster.flavor().isMySql() ? mysql(connection, fencePosition) : mariadb(connection, fencePosition);
        }
    }

    private static Result mysql(Connection connection, String fence) throws SQLException {
        String uuid = single(connection, "SELECT @@GLOBAL.server_uuid");
        String beyond;
        try (PreparedStatement query = connection.prepareStatement("SELECT GTID_SUBTRACT(@@GLOBAL.gtid_executed, ?)")) {
            query.setString(1, fence);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                beyond = row.getString(1);
            }
        }
        long count = 0;
        List<String> named = new ArrayList<>();
        for (String member : beyond == null ? new String[0] : beyond.replaceAll("\\s", "").split(",")) {
            String[] parts = member.split(":");
            if (parts.length < 2 || !parts[0].equalsIgnoreCase(uuid)) {
                continue;
            }
            String tag = "";
            for (int i = 1; i < parts.length; i++) {
                if (!parts[i].matches("\\d+(-\\d+)?")) { // a tag (MySQL 8.4+): the intervals after it carry it
                    tag = parts[i] + ":";
                    continue;
                }
                String[] bounds = parts[i].split("-");
                long first = Long.parseLong(bounds[0]);
                long last = bounds.length == 2 ? Long.parseLong(bounds[1]) : first;
                count += last - first + 1;
                if (named.size() < NAMED) {
                    named.add(parts[0] + ":" + tag + parts[i]);
                }
            }
        }
        return new Result(fence, count, named, null);
    }

    private static Result mariadb(Connection connection, String fence) throws SQLException {
        long serverId = Long.parseLong(single(connection, "SELECT @@GLOBAL.server_id"));
        Map<Long, Long> fenceSeq = lastSeqByDomain(fence);
        boolean any = false;
        for (long[] gtid : parse(single(connection, "SELECT @@GLOBAL.gtid_binlog_state"))) {
            if (gtid[1] == serverId && gtid[2] > fenceSeq.getOrDefault(gtid[0], 0L)) {
                any = true;
            }
        }
        if (!any) {
            return new Result(fence, 0L, List.of(), null);
        }
        List<String> files = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet logs = sql.executeQuery("SHOW BINARY LOGS")) {
            while (logs.next()) {
                files.add(logs.getString(1));
            }
        }
        int first = -1;
        for (int i = files.size() - 1; i >= 0; i--) {
            if (startsAtOrBefore(connection, files.get(i), fenceSeq)) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return Result.unknown(fence, "the binlog holding the fence position is purged");
        }
        List<long[]> found = new ArrayList<>();
        for (String file : files.subList(first, files.size())) {
            scan(connection, file, serverId, fenceSeq, found);
        }
        found.sort(Comparator.<long[]>comparingLong(g -> g[0]).thenComparingLong(g -> g[2]));
        return new Result(fence, (long) found.size(),
                found.stream().limit(NAMED).map(g -> g[0] + "-" + g[1] + "-" + g[2]).toList(), null);
    }

    /** Whether the file's Gtid_list (the binlog state when it began) lies within the fence position. */
    private static boolean startsAtOrBefore(Connection connection, String file, Map<Long, Long> fenceSeq) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SHOW BINLOG EVENTS IN ? LIMIT 5")) {
            query.setString(1, file);
            try (ResultSet events = query.executeQuery()) {
                while (events.next()) {
                    if ("Gtid_list".equals(events.getString("Event_type"))) {
                        for (long[] gtid : parse(events.getString("Info"))) {
                            if (gtid[2] > fenceSeq.getOrDefault(gtid[0], 0L)) {
                                return false;
                            }
                        }
                        return true;
                    }
                }
            }
        }
        throw new SQLException("binlog " + file + " has no Gtid_list event at its start");
    }

    private static void scan(Connection connection, String file, long serverId, Map<Long, Long> fenceSeq, List<long[]> found)
            throws SQLException {
        long from = 4;
        while (true) {
            int rows = 0;
            long next = from;
            try (PreparedStatement query = connection.prepareStatement("SHOW BINLOG EVENTS IN ? FROM " + from + " LIMIT " + PAGE)) {
                query.setString(1, file);
                try (ResultSet events = query.executeQuery()) {
                    while (events.next()) {
                        rows++;
                        next = events.getLong("End_log_pos");
                        if (!"Gtid".equals(events.getString("Event_type"))) {
                            continue;
                        }
                        Matcher gtid = GTID_EVENT.matcher(events.getString("Info"));
                        if (gtid.find()) {
                            long domain = Long.parseLong(gtid.group(1));
                            long server = Long.parseLong(gtid.group(2));
                            long seq = Long.parseLong(gtid.group(3));
                            if (server == serverId && seq > fenceSeq.getOrDefault(domain, 0L)) {
                                found.add(new long[] {domain, server, seq});
                            }
                        }
                    }
                }
            }
            if (rows < PAGE || next <= from) {
                return;
            }
            from = next;
        }
    }

    /** Domain -> highest sequence number of a MariaDB GTID position ({@code d-s-n,...}). */
    static Map<Long, Long> lastSeqByDomain(String position) {
        Map<Long, Long> seq = new HashMap<>();
        for (long[] gtid : parse(position)) {
            seq.merge(gtid[0], gtid[2], Math::max);
        }
        return seq;
    }

    private static List<long[]> parse(String position) {
        List<long[]> gtids = new ArrayList<>();
        Matcher matcher = MARIADB_GTID.matcher(position == null ? "" : position);
        while (matcher.find()) {
            gtids.add(new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                    Long.parseLong(matcher.group(3))});
        }
        return gtids;
    }

    private static String single(Connection connection, String query) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }
}
