package io.handoff.common.sql;

import io.handoff.common.Require;

/**
 * The contract between the replication monitor's heartbeat and the flip's fence of the old master
 * (issue 16, point 2): once a plan fences its source, the plan's heartbeat writes no more there.
 *
 * <p>Why a marker in the server, and not a step event or a command: under {@code account-lock} and
 * {@code security-group-swap} the monitor's administrative account is spared by the fence, and
 * {@code @@read_only} stays off, so nothing the server says stops the heartbeat; an event or a command
 * reaches the monitor some time after the fence, and every heartbeat committed in between is an
 * errant transaction of the old master (it never reaches the new master, and breaks reverse replication
 * or the flip back). The marker is serialised with the heartbeat by the server itself:
 * <ul>
 *   <li>the old master's READ_ONLY (the one naming the new master) first commits the marker row
 *       {@code fence:<planId>} into {@link #TABLE} with {@link #mark}, when the table exists (no
 *       monitor ever ran there otherwise), and only then fences;</li>
 *   <li>each heartbeat is one transaction (REPEATABLE READ) that first reads the marker row with
 *       {@link #lockMarker} ({@code FOR UPDATE}: a record lock when the row exists, a gap lock when it
 *       does not) and writes the heartbeat only when the marker is absent.</li>
 * </ul>
 * The gap lock makes the marker's insert wait for a heartbeat in flight, and a heartbeat that starts after
 * the marker committed sees it. So every heartbeat of the plan commits before the marker, hence before
 * the fence's position: none is the old master's own transaction past the fence. The marker is keyed by
 * plan (a flip back is another plan with its own marker), is never deleted (a plan whose fence was
 * rolled back ends and stops its monitor) and may be binlogged: it commits before the fence and
 * reaches the new master with the rest.
 */
public final class HeartbeatFence {
    /** The schema handoff owns on the source (replicated to the target). */
    public static final String SCHEMA = "handoff";
    /** The heartbeat table, which also holds the fence markers. */
    public static final String TABLE = SCHEMA + ".heartbeat";
    /** Prefix of a marker row's id; heartbeat rows are keyed by the bare plan id. */
    public static final String MARKER_PREFIX = "fence:";

    private HeartbeatFence() {
    }

    /** The id of {@code planId}'s marker row. */
    public static String markerId(String planId) {
        return MARKER_PREFIX + Require.nonBlank(planId, "planId");
    }

    /** One row, one count column: 1 when {@link #TABLE} exists. */
    public static SqlStatement tableExists() {
        return SqlStatement.of("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA=? AND TABLE_NAME=?",
                SCHEMA, "heartbeat");
    }

    /** One row, one count column: 1 when {@code planId}'s marker is there (a plain read, for the fence side). */
    public static SqlStatement markerPresent(String planId) {
        return SqlStatement.of("SELECT COUNT(*) FROM " + TABLE + " WHERE id = ?", markerId(planId));
    }

    /** Writes {@code planId}'s marker; nothing when it is there already. Autocommit, before the fence. */
    public static SqlStatement mark(String planId) {
        return SqlStatement.of("INSERT IGNORE INTO " + TABLE + " (id, ts) VALUES (?, CURRENT_TIMESTAMP(6))", markerId(planId));
    }

    /**
     * The heartbeat transaction's first statement: one count column, 1 when {@code planId}'s marker is
     * there (then the transaction writes nothing). Locks the row, or the gap where it would be.
     */
    public static SqlStatement lockMarker(String planId) {
        return SqlStatement.of("SELECT COUNT(*) FROM " + TABLE + " WHERE id = ? FOR UPDATE", markerId(planId));
    }
}
