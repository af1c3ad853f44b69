package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.cutover.cluster.ClusterConnections;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.rds.SecurityGroupSwap;
import io.handoff.kit.steps.StepFailedException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Makes a server refuse application writes, or accept them again, with the plan's read-only strategy:
 * <ul>
 *   <li>{@code global}: {@link ReadOnlySwitch};</li>
 *   <li>{@code account-lock}: {@link AccountLock}, then (closing) the locked accounts' sessions killed
 *       with the kill strategy, so that no application session can write once the step reports
 *       {@code confirmedAt}: a lock alone only stops new logins;</li>
 *   <li>{@code security-group-swap}: {@link SecurityGroupSwap}: the cluster's VPC security groups swapped
 *       to its restricted group (new application connections refused) and, closing, waited for until in
 *       effect; then the sessions already open, which a security group change does not cut, killed with
 *       the kill strategy (exempt users, the administrative account and the server's own accounts spared:
 *       they stand for the administrators' network, which the restricted group admits), for the same
 *       reason as with account-lock. Opening gives the cluster its normal groups back. Needs {@code handoff.rds.clusters.<name>.*}.</li>
 *   <li>{@code rds-read-only}: {@link ReadOnlySwitch#convergeThroughProcedure} ({@code mysql.rds_set_read_only},
 *       Aurora MySQL 3.06+): the administrative account has no privilege to write past {@code read_only}, so
 *       nothing else is needed; sessions end by the flip's KILL_CONNECTIONS as with {@code global}.</li>
 * </ul>
 * Every outcome converges: a repeat finds the effect in place and reports {@code alreadyApplied}.
 *
 * <p>Opening under {@code account-lock} or {@code security-group-swap} also switches the server's own read-only
 * off when it is on: START_REPLICATION set it on the replica ({@link ReplicaReadOnly}), and the new master must
 * take writes from WRITABLE on.
 */
final class WriteFence {
    private final ClusterConnections connections;
    private final FlipStrategies strategies;
    private final Set<String> exemptUsers;
    private final SecurityGroupSwap swap;
    private final Instant deadline;

    /**
     * @param deadline the command's deadline, which bounds the wait for a security group swap
     */
    WriteFence(ClusterConnections connections, FlipStrategies strategies, Set<String> exemptUsers, SecurityGroupSwap swap,
            Instant deadline) {
        this.connections = connections;
        this.strategies = strategies;
        this.exemptUsers = exemptUsers;
        this.swap = swap;
        this.deadline = deadline;
    }

    /** The fence of the command's strategies and exempt users. */
    static WriteFence of(StepSupport support, StepArguments args) throws StepFailedException {
        return new WriteFence(support.connections, FlipStrategies.of(args), args.exemptUsers(),
                support.securityGroups, args.deadline());
    }

    /**
     * Refuses (terminal, nothing changed) a pair of servers on which this fence could leave two writable masters:
     * under {@code account-lock}, a server whose administrative account may not switch its binlog off writes its
     * locks and unlocks to the binlog ({@link AccountLock}), and they reach the other server whenever that one
     * replicates from it. That is allowed only when the other can be held read-only by its own switch
     * ({@link OwnReadOnly}), which every replica handoff sets up is ({@link #holdReplicaOf}). No check for the other
     * strategies, whose effects never replicate.
     */
    void requireOneMaster(ClusterSession one, ClusterSession other) throws SQLException, StepFailedException {
        if (strategies.readOnly() == FlipStrategies.ReadOnly.ACCOUNT_LOCK) {
            requireReceiverHeld(one, other);
            requireReceiverHeld(other, one);
        }
    }

    /**
     * Before {@code replica} replicates from {@code source}: holds it read-only by its own switch
     * ({@link ReplicaReadOnly#keep}, facts as there), so that no application writes on it and an account unlock
     * {@code source} binlogged opens nothing there. Refused (terminal, nothing changed) under {@code account-lock}
     * when {@code source} binlogs its locks and the replica cannot be held; otherwise a replica that cannot be held
     * is only warned about (fact {@code warning}).
     */
    void holdReplicaOf(ClusterSession source, ClusterSession replica, Map<String, Object> facts)
            throws SQLException, StepFailedException {
        if (strategies.readOnly() == FlipStrategies.ReadOnly.ACCOUNT_LOCK) {
            requireReceiverHeld(source, replica);
        }
        ReplicaReadOnly.keep(replica, facts);
    }

    private static void requireReceiverHeld(ClusterSession locker, ClusterSession receiver) throws SQLException, StepFailedException {
        if (AccountLock.unlogged(locker) || OwnReadOnly.possible(receiver)) {
            return;
        }
        String l = locker.cluster().name();
        String r = receiver.cluster().name();
        throw StepFailedException.terminal("read-only strategy 'account-lock' refused on " + l + " and " + r + ": "
                + locker.cluster().user() + " on " + l + " may not switch its binlog off (SET SESSION sql_log_bin=0 needs"
                + " SUPER or BINLOG ADMIN on MariaDB, SYSTEM_VARIABLES_ADMIN or SESSION_VARIABLES_ADMIN on MySQL; Aurora's"
                + " master user has neither), so its locks and unlocks are binlogged and reach " + r + " when it replicates"
                + " from " + l + ", and " + r + " cannot be held read-only by its own switch (SET GLOBAL read_only, or"
                + " mysql.rds_set_read_only on Aurora MySQL 3.06+): an unlock arriving there would make it a second"
                + " writable master", "nothing was changed on " + l + " or " + r + ": grant " + locker.cluster().user()
                + " the privilege to switch its binlog off, let " + receiver.cluster().user() + " set read_only on " + r
                + ", or use read-only strategy 'global', 'rds-read-only' or 'security-group-swap'");
    }

    /** Stops application writes; facts as READ_ONLY reports them. Returns {@code true} when it was already in place. */
    boolean close(ClusterSession session, Map<String, Object> facts) throws SQLException, StepFailedException {
        return switch (strategies.readOnly().on(session.dialect())) {
            case AUTO -> throw new IllegalStateException("auto resolves to a server's own strategy");
            case GLOBAL -> report(ReadOnlySwitch.converge(session, true), facts);
            case RDS_READ_ONLY -> report(ReadOnlySwitch.convergeThroughProcedure(session, true), facts);
            case ACCOUNT_LOCK -> {
                AccountLock.Outcome locked = AccountLock.lock(session, exemptUsers);
                SessionKiller.Report killed = new SessionKiller(connections, strategies.kill())
                        .killSessionsOf(session, locked.users(), exemptUsers);
                facts.put(StepParams.FACT_LOCKED_ACCOUNTS, locked.accounts());
                facts.put(StepParams.FACT_LOCKS_BINLOGGED, locked.binlogged());
                if (locked.heldReadOnly()) {
                    facts.put(StepParams.FACT_REPLICA_READ_ONLY, true);
                }
                killed.report(facts);
                // Already applied when every lock was in place: a repeat may still find (and kill) a session
                // caught half-way through a refused login, which changes nothing about the fence.
                yield report(locked.changed().isEmpty(), facts);
            }
            case SECURITY_GROUP_SWAP -> {
                SecurityGroupSwap.Outcome swapped = swap.restrict(session.cluster().name(), deadline);
                swapped.report(facts);
                new SessionKiller(connections, strategies.kill()).killApplicationSessions(session, exemptUsers).report(facts);
                // Fenced only now: until the kill, sessions opened before the swap could still write.
                facts.put(StepParams.FACT_CONFIRMED_AT, Instant.now().toString());
                yield swapped.alreadyApplied();
            }
        };
    }

    /** Lets application writes in again; facts as WRITABLE reports them. Returns {@code true} when it was already in place. */
    boolean open(ClusterSession session, Map<String, Object> facts) throws SQLException, StepFailedException {
        return switch (strategies.readOnly().on(session.dialect())) {
            case AUTO -> throw new IllegalStateException("auto resolves to a server's own strategy");
            case GLOBAL -> report(ReadOnlySwitch.converge(session, false), facts);
            case RDS_READ_ONLY -> report(ReadOnlySwitch.convergeThroughProcedure(session, false), facts);
            case ACCOUNT_LOCK -> {
                // Read-only lifted first (the accounts still locked keep the applications out): an account that may not
                // write past read_only (Aurora's master user) could not unlock them before.
                boolean lifted = ReplicaReadOnly.lift(session);
                AccountLock.Outcome unlocked = AccountLock.unlock(session, exemptUsers);
                facts.put(StepParams.FACT_UNLOCKED_ACCOUNTS, unlocked.accounts());
                facts.put(StepParams.FACT_LOCKS_BINLOGGED, unlocked.binlogged());
                yield report(unlocked.changed().isEmpty() && !lifted, facts);
            }
            case SECURITY_GROUP_SWAP -> {
                SecurityGroupSwap.Outcome swapped = swap.restore(session.cluster().name(), deadline);
                boolean lifted = ReplicaReadOnly.lift(session);
                swapped.report(facts);
                if (lifted) {
                    facts.put(StepParams.FACT_ALREADY_APPLIED, false);
                    facts.put(StepParams.FACT_CONFIRMED_AT, Instant.now().toString());
                }
                yield swapped.alreadyApplied() && !lifted;
            }
        };
    }

    /**
     * {@code true} when this strategy on {@code session}'s server is its own read-only switch (global, or rds-read-only
     * through the procedure), which one statement sets and one read shows.
     */
    boolean byOwnSwitch(ClusterSession session) {
        FlipStrategies.ReadOnly resolved = strategies.readOnly().on(session.dialect());
        return resolved == FlipStrategies.ReadOnly.GLOBAL || resolved == FlipStrategies.ReadOnly.RDS_READ_ONLY;
    }

    /**
     * Lets application writes in on a server whose own switch ({@link #byOwnSwitch}) was read in the closed position
     * and has not been changed since (a prepared WRITABLE): the switch is set without reading it again; facts as
     * WRITABLE reports them.
     */
    void openKnownClosed(ClusterSession session, Map<String, Object> facts) throws SQLException {
        FlipStrategies.ReadOnly resolved = strategies.readOnly().on(session.dialect());
        session.executeAll(resolved == FlipStrategies.ReadOnly.RDS_READ_ONLY ? session.dialect().setReadOnlyThroughProcedure(false)
                : session.dialect().setReadOnly(false));
        new ReadOnlySwitch.Outcome(false, Instant.now()).report(facts);
    }

    /**
     * {@code true} when the server refuses application writes: by this strategy (read-only on, every application
     * account locked, or only the restricted security group in effect) or, under the other strategies, by its own
     * read-only, which a replica is held by ({@link #holdReplicaOf}) even when an unlock replicated to it.
     */
    boolean closed(ClusterSession session) throws SQLException, StepFailedException {
        return switch (strategies.readOnly().on(session.dialect())) {
            case GLOBAL, RDS_READ_ONLY, AUTO -> ClusterState.readOnly(session);
            case ACCOUNT_LOCK -> AccountLock.locked(session, exemptUsers) || ClusterState.readOnly(session);
            case SECURITY_GROUP_SWAP -> swap.restricted(session.cluster().name()) || ClusterState.readOnly(session);
        };
    }

    private static boolean report(ReadOnlySwitch.Outcome outcome, Map<String, Object> facts) {
        outcome.report(facts);
        return outcome.alreadyApplied();
    }

    private static boolean report(boolean alreadyApplied, Map<String, Object> facts) {
        new ReadOnlySwitch.Outcome(alreadyApplied, Instant.now()).report(facts);
        return alreadyApplied;
    }
}
