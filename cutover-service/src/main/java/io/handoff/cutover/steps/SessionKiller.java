package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.cluster.ServerSession;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Kills every session a {@link KillPolicy} does not spare, in one pass over the process list. A
 * session that ends on its own meanwhile is skipped (the server answers "unknown thread id"); one
 * that connects after the listing survives, which is harmless once the server is read-only.
 */
final class SessionKiller {
    /** ER_NO_SUCH_THREAD: the session ended before the kill reached it. */
    private static final int NO_SUCH_THREAD = 1094;

    /**
     * @param killed how many sessions this pass killed
     * @param users  their accounts, sorted, each once
     */
    record Report(int killed, SortedSet<String> users) {
        void report(Map<String, Object> facts) {
            facts.put(StepParams.FACT_KILLED, killed);
            facts.put(StepParams.FACT_KILLED_USERS, List.copyOf(users));
        }
    }

    private SessionKiller() {
    }

    /** Kills the sessions on {@code session}'s server that {@link KillPolicy} does not spare; spares {@code session} itself. */
    static Report killAll(ClusterSession session, Set<String> exemptUsers) throws SQLException {
        KillPolicy policy = new KillPolicy(exemptUsers, session.cluster().replication().user(),
                Set.of(session.connectionId()));
        int killed = 0;
        SortedSet<String> users = new TreeSet<>();
        for (ServerSession victim : ClusterState.sessions(session)) {
            if (!policy.spares(victim) && kill(session, victim)) {
                killed++;
                users.add(victim.user());
            }
        }
        return new Report(killed, users);
    }

    private static boolean kill(ClusterSession session, ServerSession victim) throws SQLException {
        try {
            session.execute(session.dialect().killConnection(victim.id()));
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == NO_SUCH_THREAD) {
                return false;
            }
            throw e;
        }
    }
}
