package io.handoff.monitor.binlog;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Where the binlog tail is in the source's binlog, from the offset and source block of the latest
 * change event it handled.
 *
 * @param gtidSet      the source transactions streamed so far, including the event's own: a MariaDB
 *                     position ({@code 0-1-42}, one entry per domain) or a MySQL GTID set; {@code null}
 *                     without GTIDs
 * @param completedSet the transactions whose every event was handed over: {@code gtidSet} without
 *                     the event's own transaction, whose later rows may still come
 * @param file         the binlog file of the event
 * @param pos          the position of the event's transaction in that file
 */
public record StreamPosition(String gtidSet, String completedSet, String file, Long pos) {

    /** The position of {@code record}, or {@code null} when it carries no binlog offset. */
    public static StreamPosition of(SourceRecord record) {
        Map<String, ?> offset = record.sourceOffset();
        if (offset == null) {
            return null;
        }
        Object file = offset.get("file");
        Object pos = offset.get("pos");
        Object gtids = offset.get("gtids");
        String gtid = ChangeEvents.gtid(record);
        String completed = gtids == null ? null : gtids.toString();
        return new StreamPosition(merge(completed, gtid), completed, file == null ? null : file.toString(),
                pos instanceof Number number ? number.longValue() : null);
    }

    /**
     * {@code restartSet} (the transactions completed before the event) with {@code current} (the
     * event's own transaction) added.
     */
    static String merge(String restartSet, String current) {
        if (current == null || current.isBlank()) {
            return restartSet;
        }
        if (restartSet == null || restartSet.isBlank()) {
            return current;
        }
        if (current.indexOf(':') >= 0) {
            return restartSet + "," + current; // MySQL: another interval of the set
        }
        // MariaDB: one domain-server-seq per domain, the current transaction replaces its domain's entry.
        Map<Long, String> byDomain = new TreeMap<>();
        for (String entry : restartSet.split(",")) {
            String trimmed = entry.strip();
            if (!trimmed.isEmpty()) {
                byDomain.put(domain(trimmed), trimmed);
            }
        }
        byDomain.put(domain(current.strip()), current.strip());
        return String.join(",", byDomain.values());
    }

    private static long domain(String mariaDbGtid) {
        int dash = mariaDbGtid.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? mariaDbGtid : mariaDbGtid.substring(0, dash));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
