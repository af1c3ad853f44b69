package io.handoff.cutover.cluster;

import io.handoff.common.sql.GtidSets;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads of a server's state that the steps converge on; every statement comes from the dialect or {@link PortableSql}. */
public final class ClusterState {

    private ClusterState() {
    }

    /** Whether the server refuses application writes. */
    public static boolean readOnly(ClusterSession session) throws SQLException {
        String value = session.queryString(PortableSql.readOnlyState()).orElse("0");
        return value.equals("1") || value.equalsIgnoreCase("ON");
    }

    /** The GTID position the server has written to its binlog (what a replica of it must reach), normalized ({@link GtidSets}); "" when none. */
    public static String currentGtid(ClusterSession session) throws SQLException {
        return GtidSets.normalize(session.queryString(session.dialect().currentGtidPosition()).orElse(""));
    }

    /** The GTID position the server has applied as a replica, normalized ({@link GtidSets}); "" when none. */
    public static String executedGtid(ClusterSession session) throws SQLException {
        return GtidSets.normalize(session.queryString(session.dialect().executedGtidPosition()).orElse(""));
    }

    /**
     * Where a replica of this server starts so that it receives exactly what this server writes from
     * now on: the position it wrote to its binlog or, when its binlog holds no GTID at all, the
     * position it applied as a replica. The second case is a server seeded without binlogging
     * (so that the seed created no GTIDs of its own) that has not replicated a single event since:
     * it has written nothing itself, so what it applied is everything it has; its empty binlog
     * position would make a new replica start from nothing (and a former master refuses it).
     */
    public static String replicationStartPosition(ClusterSession session) throws SQLException {
        String written = currentGtid(session);
        return written.isEmpty() ? executedGtid(session) : written;
    }

    /** The replica configuration, empty when the server is not a replica. */
    public static Optional<ReplicaState> replica(ClusterSession session) throws SQLException {
        return session.queryFirst(session.dialect().replicaStatus(),
                row -> ReplicaState.read(row, session.dialect().replicaStatusColumns()));
    }

    /** Every session but the caller's own. */
    public static List<ServerSession> sessions(ClusterSession session) throws SQLException {
        return session.query(session.dialect().listSessions(), row -> new ServerSession(row.getLong("id"),
                row.getString("user"), row.getString("host"), row.getString("command")));
    }
}
