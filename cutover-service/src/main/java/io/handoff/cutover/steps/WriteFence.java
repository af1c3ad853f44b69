package io.handoff.cutover.steps;

import io.handoff.cutover.cluster.ClusterConnections;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.rds.SecurityGroupSwap;
import io.handoff.kit.steps.StepFailedException;
import java.sql.SQLException;
import java.time.Instant;
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
 * Every outcome converges: a repeat finds the effect in place and says so ({@code alreadyApplied}). Closing and opening
 * return what they did ({@link Closed}, {@link Opened}), which READ_ONLY and WRITABLE report. Their failures carry no
 * facts: what a part done before the failure did (a swap before a kill that fails) is not reported; the step's state
 * report says where the server stands, and a repeat converges from there.
 *
 * <p>Opening under {@code account-lock} or {@code security-group-swap} also switches the server's own read-only
 * off when it is on: START_REPLICATION set it on the replica ({@link ReplicaReadOnly}), and the new master must
 * take writes from WRITABLE on.
 */
final class WriteFence {

    /**
     * What closing did (READ_ONLY's facts).
     *
     * @param alreadyApplied the fence was in place: nothing was changed (a repeat of account-lock may still kill a session
     *                       caught half-way through a refused login, which changes nothing about the fence)
     * @param confirmedAt    from when no application session can write: the server confirmed its switch, or (account-lock,
     *                       security-group-swap) the sessions opened before were killed
     * @param locked         account-lock: the application accounts locked; null under the other strategies
     * @param killed         account-lock, security-group-swap: the sessions killed; null under the other strategies
     * @param swapped        security-group-swap: the swap to the restricted group; null under the other strategies
     */
    record Closed(boolean alreadyApplied, Instant confirmedAt, AccountLock.Outcome locked, SessionKiller.Report killed,
            SecurityGroupSwap.Outcome swapped) {
        private static Closed of(ReadOnlySwitch.Outcome switched) {
            return new Closed(switched.alreadyApplied(), switched.confirmedAt(), null, null, null);
        }
    }

    /**
     * What opening did (WRITABLE's facts).
     *
     * @param alreadyApplied application writes were let in already: nothing was changed
     * @param confirmedAt    from when the server (or RDS) takes application writes
     * @param unlocked       account-lock: the application accounts unlocked; null under the other strategies
     * @param swapped        security-group-swap: the swap back to the normal groups; null under the other strategies
     */
    record Opened(boolean alreadyApplied, Instant confirmedAt, AccountLock.Outcome unlocked, SecurityGroupSwap.Outcome swapped) {
        private static Opened of(ReadOnlySwitch.Outcome switched) {
            return new Opened(switched.alreadyApplied(), switched.confirmedAt(), null, null);
        }
    }

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
     * ({@link ReplicaReadOnly#keep}, outcome as there), so that no application writes on it and an account unlock
     * {@code source} binlogged opens nothing there. Refused (terminal, nothing changed) under {@code account-lock}
     * when {@code source} binlogs its locks and the replica cannot be held; otherwise a replica that cannot be held
     * is only warned about (the outcome's {@code warning}).
     */
    ReplicaReadOnly.Held holdReplicaOf(ClusterSession source, ClusterSession replica) throws SQLException, StepFailedException {
        if (strategies.readOnly() == FlipStrategies.ReadOnly.ACCOUNT_LOCK) {
            requireReceiverHeld(source, replica);
        }
        return ReplicaReadOnly.keep(replica);
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

    /** Stops application writes. */
    Closed close(ClusterSession session) throws SQLException, StepFailedException {
        return switch (strategies.readOnly().on(session.dialect())) {
            case AUTO -> throw new IllegalStateException("auto resolves to a server's own strategy");
            case GLOBAL -> Closed.of(ReadOnlySwitch.converge(session, true));
            case RDS_READ_ONLY -> Closed.of(ReadOnlySwitch.convergeThroughProcedure(session, true));
            case ACCOUNT_LOCK -> {
                AccountLock.Outcome locked = AccountLock.lock(session, exemptUsers);
                SessionKiller.Report killed = new SessionKiller(connections, strategies.kill())
                        .killSessionsOf(session, locked.users(), exemptUsers);
                // Already applied when every lock was in place: a repeat may still find (and kill) a session
                // caught half-way through a refused login, which changes nothing about the fence.
                yield new Closed(locked.changed().isEmpty(), Instant.now(), locked, killed, null);
            }
            case SECURITY_GROUP_SWAP -> {
                SecurityGroupSwap.Outcome swapped = swap.restrict(session.cluster().name(), deadline);
                SessionKiller.Report killed = new SessionKiller(connections, strategies.kill())
                        .killApplicationSessions(session, exemptUsers);
                // Fenced only now: until the kill, sessions opened before the swap could still write.
                yield new Closed(swapped.alreadyApplied(), Instant.now(), null, killed, swapped);
            }
        };
    }

    /** Lets application writes in again. */
    Opened open(ClusterSession session) throws SQLException, StepFailedException {
        return switch (strategies.readOnly().on(session.dialect())) {
            case AUTO -> throw new IllegalStateException("auto resolves to a server's own strategy");
            case GLOBAL -> Opened.of(ReadOnlySwitch.converge(session, false));
            case RDS_READ_ONLY -> Opened.of(ReadOnlySwitch.convergeThroughProcedure(session, false));
            case ACCOUNT_LOCK -> {
                // Read-only lifted first (the accounts still locked keep the applications out): an account that may not
                // write past read_only (Aurora's master user) could not unlock them before.
                boolean lifted = ReplicaReadOnly.lift(session);
                AccountLock.Outcome unlocked = AccountLock.unlock(session, exemptUsers);
                yield new Opened(unlocked.changed().isEmpty() && !lifted, Instant.now(), unlocked, null);
            }
            case SECURITY_GROUP_SWAP -> {
                SecurityGroupSwap.Outcome swapped = swap.restore(session.cluster().name(), deadline);
                boolean lifted = ReplicaReadOnly.lift(session);
                // Lifting the replica's own read-only is a change, which lets the writes in only now.
                yield lifted ? new Opened(false, Instant.now(), null, swapped)
                        : new Opened(swapped.alreadyApplied(), swapped.confirmedAt(), null, swapped);
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
     * and has not been changed since (a prepared WRITABLE): the switch is set without reading it again.
     */
    Opened openKnownClosed(ClusterSession session) throws SQLException {
        FlipStrategies.ReadOnly resolved = strategies.readOnly().on(session.dialect());
        session.executeAll(resolved == FlipStrategies.ReadOnly.RDS_READ_ONLY ? session.dialect().setReadOnlyThroughProcedure(false)
                : session.dialect().setReadOnly(false));
        return new Opened(false, Instant.now(), null, null);
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
}
