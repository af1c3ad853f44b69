package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.cutover.cluster.ClusterConnections;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
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
 *   <li>{@code security-group-swap}: refused, terminal, nothing changed (no RDS API in this service yet).</li>
 * </ul>
 * Every outcome converges: a repeat finds the effect in place and reports {@code alreadyApplied}.
 */
final class WriteFence {
    private final ClusterConnections connections;
    private final FlipStrategies strategies;
    private final Set<String> exemptUsers;

    WriteFence(ClusterConnections connections, FlipStrategies strategies, Set<String> exemptUsers) {
        this.connections = connections;
        this.strategies = strategies;
        this.exemptUsers = exemptUsers;
    }

    /** Stops application writes; facts as READ_ONLY reports them. Returns {@code true} when it was already in place. */
    boolean close(ClusterSession session, Map<String, Object> facts) throws SQLException, StepFailedException {
        return switch (strategies.readOnly()) {
            case GLOBAL -> report(ReadOnlySwitch.converge(session, true), facts);
            case ACCOUNT_LOCK -> {
                AccountLock.Outcome locked = AccountLock.lock(session, exemptUsers);
                SessionKiller.Report killed = new SessionKiller(connections, strategies.kill())
                        .killSessionsOf(session, locked.users(), exemptUsers);
                facts.put(StepParams.FACT_LOCKED_ACCOUNTS, locked.accounts());
                facts.put(StepParams.FACT_LOCKS_BINLOGGED, locked.binlogged());
                killed.report(facts);
                // Already applied when every lock was in place: a repeat may still find (and kill) a session
                // caught half-way through a refused login, which changes nothing about the fence.
                yield report(locked.changed().isEmpty(), facts);
            }
            case SECURITY_GROUP_SWAP -> throw unsupported(session);
        };
    }

    /** Lets application writes in again; facts as WRITABLE reports them. Returns {@code true} when it was already in place. */
    boolean open(ClusterSession session, Map<String, Object> facts) throws SQLException, StepFailedException {
        return switch (strategies.readOnly()) {
            case GLOBAL -> report(ReadOnlySwitch.converge(session, false), facts);
            case ACCOUNT_LOCK -> {
                AccountLock.Outcome unlocked = AccountLock.unlock(session, exemptUsers);
                facts.put(StepParams.FACT_UNLOCKED_ACCOUNTS, unlocked.accounts());
                facts.put(StepParams.FACT_LOCKS_BINLOGGED, unlocked.binlogged());
                yield report(unlocked.changed().isEmpty(), facts);
            }
            case SECURITY_GROUP_SWAP -> throw unsupported(session);
        };
    }

    /** {@code true} when the server refuses application writes by this strategy (read-only on, or every application account locked). */
    boolean closed(ClusterSession session) throws SQLException, StepFailedException {
        return switch (strategies.readOnly()) {
            case GLOBAL -> ClusterState.readOnly(session);
            case ACCOUNT_LOCK -> AccountLock.locked(session, exemptUsers);
            case SECURITY_GROUP_SWAP -> throw unsupported(session);
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

    private static StepFailedException unsupported(ClusterSession session) {
        return StepFailedException.terminal("the read-only strategy 'security-group-swap' is not supported yet: it needs the"
                + " RDS API (ModifyDBCluster to a restricted VPC security group and back), which this service does not call;"
                + " choose 'account-lock' for " + session.cluster().name(), "nothing was changed on " + session.cluster().name());
    }
}
