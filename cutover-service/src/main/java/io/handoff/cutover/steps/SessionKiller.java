package io.handoff.cutover.steps;

import io.handoff.common.cluster.JdbcLogin;
import io.handoff.common.sql.SqlStatement;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterConnections;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.cluster.PortableSql;
import io.handoff.cutover.cluster.ServerSession;
import io.handoff.kit.steps.StepFailedException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Kills, in one pass over the process list, every session a {@link KillPolicy} does not spare (and,
 * for the account-lock strategy, only those of some accounts), the way the kill strategy says:
 * <ul>
 *   <li>{@code kill}, {@code rds-kill}: from the administrative session with the dialect's kill
 *       ({@code KILL CONNECTION}, {@code CALL mysql.rds_kill} on Aurora/RDS);</li>
 *   <li>{@code per-user}: from the session this service keeps open as the victim's own account
 *       ({@link ClusterConnections#openAs}), with {@code KILL CONNECTION}, which needs no privilege
 *       for one's own sessions. Every victim's account must have such a session: that is checked
 *       before anything is killed, and the step fails naming the accounts that have none.</li>
 * </ul>
 * A session that ends on its own meanwhile is skipped (the server answers "unknown thread id"); one
 * that connects after the listing survives, which is harmless once writes are refused. This
 * service's own sessions (administrative and per-user) are always spared.
 */
final class SessionKiller {
    /** ER_NO_SUCH_THREAD: the session ended before the kill reached it. */
    private static final int NO_SUCH_THREAD = 1094;

    /**
     * @param killed how many sessions this pass killed
     * @param users  their accounts, sorted, each once
     */
    record Report(int killed, SortedSet<String> users) {
        /** As READ_ONLY and KILL_CONNECTIONS report it. */
        CutoverFacts.KilledSessions facts() {
            return new CutoverFacts.KilledSessions(killed, List.copyOf(users));
        }
    }

    private static final Logger LOG = Logger.getLogger(SessionKiller.class);
    private final ClusterConnections connections;
    private final FlipStrategies.Kill strategy;

    /** The sessions calling themselves handoff, read ahead ({@link #handoffSessions}); null: read at each kill. */
    private final Set<Long> knownHandoffSessions;

    SessionKiller(ClusterConnections connections, FlipStrategies.Kill strategy) {
        this(connections, strategy, null);
    }

    /**
     * @param handoffSessions the sessions calling themselves handoff on the server, read before (a prepared kill inside
     *                        a fence's window); null to read them at each kill
     */
    SessionKiller(ClusterConnections connections, FlipStrategies.Kill strategy, Set<Long> handoffSessions) {
        this.connections = connections;
        this.strategy = strategy;
        this.knownHandoffSessions = handoffSessions == null ? null : Set.copyOf(handoffSessions);
    }

    /** Kills the sessions on {@code session}'s server that {@link KillPolicy} does not spare. */
    Report killAll(ClusterSession session, Set<String> exemptUsers) throws SQLException, StepFailedException {
        return kill(session, exemptUsers, victim -> true);
    }

    /**
     * Kills the application sessions: those of every account but the cluster's administrative account
     * (the operators' and handoff's services' own, which reach the server from the administrators'
     * network) and the server's own accounts ({@link AccountLock#SYSTEM_USERS}); never an exempt account's.
     */
    Report killApplicationSessions(ClusterSession session, Set<String> exemptUsers) throws SQLException, StepFailedException {
        String admin = session.cluster().user();
        return kill(session, exemptUsers, victim -> !victim.user().equals(admin) && !AccountLock.SYSTEM_USERS.contains(victim.user()));
    }

    /** Kills the sessions of {@code users} (the accounts just locked), never an exempt account's. */
    Report killSessionsOf(ClusterSession session, Set<String> users, Set<String> exemptUsers)
            throws SQLException, StepFailedException {
        return kill(session, exemptUsers, victim -> users.contains(victim.user()));
    }

    private Report kill(ClusterSession session, Set<String> exemptUsers, Predicate<ServerSession> wanted)
            throws SQLException, StepFailedException {
        Set<Long> own = new HashSet<>(connections.ownSessions(session.cluster()));
        own.add(session.connectionId());
        KillPolicy policy = new KillPolicy(exemptUsers, session.cluster().replication().user(), own, session.cluster().user(),
                knownHandoffSessions != null ? knownHandoffSessions : handoffSessions(session));
        List<ServerSession> victims = new ArrayList<>();
        for (ServerSession candidate : ClusterState.sessions(session)) {
            if (!policy.spares(candidate) && wanted.test(candidate)) {
                victims.add(candidate);
            }
        }
        return strategy == FlipStrategies.Kill.PER_USER ? killPerUser(session, victims) : killAsAdmin(session, victims);
    }

    /**
     * The sessions that call themselves handoff ({@code program_name} connection attribute), which {@link KillPolicy}
     * spares when they are the administrative account's. None where the server keeps no connection attributes (MariaDB without
     * performance_schema) or the account may not read them: then those sessions are killed as before.
     */
    static Set<Long> handoffSessions(ClusterSession session) {
        try {
            return new HashSet<>(session.query(PortableSql.sessionsOfProgram(JdbcLogin.PROGRAM_NAME), row -> row.getLong(1)));
        } catch (SQLException unreadable) {
            LOG.debugf("connection attributes of %s unreadable, handoff's own sessions are not told apart: %s",
                    session.cluster().name(), unreadable.getMessage());
            return Set.of();
        }
    }

    private static Report killAsAdmin(ClusterSession session, List<ServerSession> victims) throws SQLException {
        int killed = 0;
        SortedSet<String> users = new TreeSet<>();
        for (ServerSession victim : victims) {
            if (kill(session, session.dialect().killConnection(victim.id()))) {
                killed++;
                users.add(victim.user());
            }
        }
        return new Report(killed, users);
    }

    private Report killPerUser(ClusterSession session, List<ServerSession> victims) throws SQLException, StepFailedException {
        Map<String, List<ServerSession>> byUser = new TreeMap<>();
        victims.forEach(victim -> byUser.computeIfAbsent(victim.user(), user -> new ArrayList<>()).add(victim));
        String cluster = session.cluster().name();
        List<String> without = byUser.keySet().stream()
                .filter(user -> !connections.holdsAccount(session.cluster(), user)).toList();
        if (!without.isEmpty()) {
            throw StepFailedException.terminal("per-user kill cannot end the sessions of " + without + " on " + cluster
                    + ": this service holds no password for " + (without.size() == 1 ? "that account" : "those accounts")
                    + " (set handoff.cutover.kill-accounts." + cluster + ".<user>, or choose the kill strategy 'rds-kill')",
                    "no session was killed");
        }
        int killed = 0;
        SortedSet<String> users = new TreeSet<>();
        for (Map.Entry<String, List<ServerSession>> entry : byUser.entrySet()) {
            Optional<ClusterSession> leased = connections.openAs(session.cluster(), entry.getKey());
            try (ClusterSession own = leased.orElseThrow()) {
                for (ServerSession victim : entry.getValue()) {
                    if (victim.id() != own.connectionId() && kill(own, own.dialect().killOwnConnection(victim.id()))) {
                        killed++;
                        users.add(victim.user());
                    }
                }
            }
        }
        return new Report(killed, users);
    }

    private static boolean kill(ClusterSession session, SqlStatement kill) throws SQLException {
        try {
            session.execute(kill);
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == NO_SUCH_THREAD) {
                return false;
            }
            throw e;
        }
    }
}
