package io.handoff.cutover.steps;

import io.handoff.cutover.cluster.ServerSession;
import java.util.Set;

/**
 * Which sessions a kill spares, and why:
 * <ul>
 *   <li>this service's own connections;</li>
 *   <li>the server's own threads and replication streams (user {@code system user} or
 *       {@code event_scheduler}, commands {@code Binlog Dump}, {@code Daemon}, ...): a killed binlog
 *       dump makes the replica reconnect, and wait its connect-retry (60 s by default), right when it
 *       must catch up;</li>
 *   <li>the cluster's replication account, whose sessions are replicas connecting (they run a few
 *       queries before the binlog dump starts), for the same reason;</li>
 *   <li>sessions still in the handshake ({@code unauthenticated user}): a replica's connection looks
 *       like that before it logs in, and an application's is harmless there, since the kill follows
 *       read-only and it cannot write once it logs in;</li>
 *   <li>the exempt accounts (authentication must stay up);</li>
 *   <li>the administrative account's sessions that handoff's services opened ({@code program_name=handoff}), where
 *       the server keeps connection attributes: not applications, and the monitor loses its place when they die.</li>
 * </ul>
 * The names are the ones every MySQL-compatible server shows in its process list. Account names
 * compare exactly, as the server compares them.
 */
final class KillPolicy {
    /** Accounts of the server's own threads (replica threads, daemons, the event scheduler). */
    static final Set<String> SYSTEM_USERS = Set.of("system user", "event_scheduler");
    /** What the process list shows as user for a connection that has not logged in yet. */
    static final String HANDSHAKE_USER = "unauthenticated user";
    /** Commands of replication and background threads. */
    static final Set<String> SYSTEM_COMMANDS = Set.of("Binlog Dump", "Binlog Dump GTID", "Register Slave", "Daemon",
            "Slave_IO", "Slave_SQL", "Slave_worker");

    private final Set<String> exemptUsers;
    private final String replicationUser;
    private final Set<Long> ownSessions;
    private final String adminUser;
    private final Set<Long> handoffSessions;

    KillPolicy(Set<String> exemptUsers, String replicationUser, Set<Long> ownSessions) {
        this(exemptUsers, replicationUser, ownSessions, null, Set.of());
    }

    /** @param handoffSessions sessions calling themselves handoff, spared only when they are {@code adminUser}'s */
    KillPolicy(Set<String> exemptUsers, String replicationUser, Set<Long> ownSessions, String adminUser, Set<Long> handoffSessions) {
        this.exemptUsers = Set.copyOf(exemptUsers);
        this.replicationUser = replicationUser;
        this.ownSessions = Set.copyOf(ownSessions);
        this.adminUser = adminUser;
        this.handoffSessions = Set.copyOf(handoffSessions);
    }

    /** {@code true} when {@code session} must survive the kill. */
    boolean spares(ServerSession session) {
        String user = session.user();
        return ownSessions.contains(session.id())
                || user == null
                || SYSTEM_USERS.contains(user)
                || HANDSHAKE_USER.equals(user)
                || user.equals(replicationUser)
                || (session.command() != null && SYSTEM_COMMANDS.contains(session.command()))
                || exemptUsers.contains(user)
                || (handoffSessions.contains(session.id()) && user.equals(adminUser));
    }
}
