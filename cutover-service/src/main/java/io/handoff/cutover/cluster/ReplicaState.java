package io.handoff.cutover.cluster;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.sql.ReplicaStatusColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A server's replica configuration and thread states, read from the dialect's replica status.
 *
 * @param sourceHost   host replicated from, as configured
 * @param sourcePort   port replicated from
 * @param ioRunning    receiver thread state ({@code Yes}, {@code No}, {@code Connecting}, ...)
 * @param sqlRunning   applier thread state ({@code Yes} or {@code No})
 * @param lastIoError  last receiver error, empty when none
 * @param lastSqlError last applier error, empty when none
 */
public record ReplicaState(String sourceHost, int sourcePort, String ioRunning, String sqlRunning, String lastIoError,
        String lastSqlError) {

    private static final int ERROR_SHOWN = 200;

    static ReplicaState read(ResultSet row, ReplicaStatusColumns columns) throws SQLException {
        return new ReplicaState(text(row, columns.sourceHost()), row.getInt(PortableSql.sourcePortColumn(columns)),
                text(row, columns.ioRunning()), text(row, columns.sqlRunning()), text(row, columns.lastIoError()),
                text(row, columns.lastSqlError()));
    }

    /** {@code true} when configured to replicate from {@code source}'s registered host and port. */
    public boolean replicatesFrom(ClusterSpec source) {
        return sourceHost.toLowerCase(Locale.ROOT).equals(source.host().toLowerCase(Locale.ROOT)) && sourcePort == source.port();
    }

    /** Both threads run (a receiver still connecting to its source counts as running). */
    public boolean running() {
        return !"No".equalsIgnoreCase(ioRunning) && "Yes".equalsIgnoreCase(sqlRunning);
    }

    /** Neither thread runs (a receiver still connecting counts as running). */
    public boolean stopped() {
        return "No".equalsIgnoreCase(ioRunning) && "No".equalsIgnoreCase(sqlRunning);
    }

    /**
     * The applier (SQL thread) stopped on an error: it will not apply anything more until someone mends it. A
     * replica stopped on purpose ({@code STOP REPLICA SQL_THREAD}) has no error and is not failed.
     */
    public boolean applierFailed() {
        return "No".equalsIgnoreCase(sqlRunning) && !lastSqlError.isEmpty();
    }

    /** The applier's last error, shortened; empty when it has none. */
    public String applierError() {
        return shorten(lastSqlError);
    }

    /** For state reports: source, thread states and the last errors, shortened. */
    public String describe() {
        StringBuilder text = new StringBuilder("replicating from ").append(sourceHost).append(':').append(sourcePort)
                .append(" (io=").append(ioRunning).append(", sql=").append(sqlRunning);
        if (!lastIoError.isEmpty()) {
            text.append(", io error: ").append(shorten(lastIoError));
        }
        if (!lastSqlError.isEmpty()) {
            text.append(", sql error: ").append(shorten(lastSqlError));
        }
        return text.append(')').toString();
    }

    private static String text(ResultSet row, String column) throws SQLException {
        String value = row.getString(column);
        return value == null ? "" : value;
    }

    private static String shorten(String error) {
        return error.length() <= ERROR_SHOWN ? error : error.substring(0, ERROR_SHOWN) + "...";
    }
}
