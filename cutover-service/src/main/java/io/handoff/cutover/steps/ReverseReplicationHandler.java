package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.ClusterState;
import io.handoff.cutover.cluster.ReplicaState;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import java.sql.SQLException;
import java.util.Optional;

/**
 * REVERSE_REPLICATION(cluster = A, sourceCluster = B, position = B's captured position, strategies and
 * exemptUsers (how A is fenced)): the old
 * master replicates from the new one, so that the flip can be reversed without losing a row. Uses
 * B's replication account.
 *
 * <p>Converging: when A already replicates from B's host and port, it is only started if a thread is
 * stopped, never re-pointed (A has applied part of B's stream since, and re-pointing it at the
 * captured position would apply that part twice); {@code alreadyApplied} when both threads run.
 * A that takes writes again (restarted with read-only off) is fenced again at once, and refused if it logged a
 * transaction B never had (it would be a second master fed by B, its data diverged); refused while A runs replication
 * from another source (RESET_REPLICA(A) comes first in the flip). Before it replicates, A is held read-only
 * by its own switch ({@link WriteFence#holdReplicaOf}: fact {@code replicaReadOnly}; refused under account-lock
 * when B binlogs its locks and A cannot be held), as the target is from START_REPLICATION.
 *
 * <p>Facts: {@link CutoverFacts.ReverseReplication}; a failure reports {@code refenced} (A was fenced again before it)
 * and A's read-only switch once they are known. What fencing A again did is logged, not reported.
 */
@Singleton
class ReverseReplicationHandler extends SqlStepHandler<CutoverFacts.ReverseReplication> {
    private static final Logger LOG = Logger.getLogger(ReverseReplicationHandler.class);

    ReverseReplicationHandler(StepSupport support) {
        super(StepType.REVERSE_REPLICATION, support, StepParams.CLUSTER, StepParams.SOURCE_CLUSTER);
    }

    @Override
    protected CutoverFacts.ReverseReplication converge(StepArguments args) throws SQLException, StepFailedException {
        ClusterSpec a = args.cluster();
        ClusterSpec b = args.sourceCluster();
        String position = args.position();
        WriteFence fence = WriteFence.of(support, args);
        try (ClusterSession sa = open(a); ClusterSession sb = open(b)) {
            Boolean refenced = null;
            CutoverFacts.ReplicaHold held = null;
            try {
                if (!fence.closed(sa)) {
                    refence(args, fence, sa, sb);
                    refenced = true;
                    refuseErrant(args, sa, sb);
                }
                // Read-only by its own switch while it replicates, whatever the strategy: what B binlogs (account-lock's
                // unlock where B's account cannot keep it out of the binlog) opens nothing on A.
                held = fence.holdReplicaOf(sb, sa).facts();
                Optional<ReplicaState> current = ClusterState.replica(sa);
                if (current.isPresent() && current.get().replicatesFrom(b)) {
                    return new CutoverFacts.ReverseReplication(!ReplicaControl.resume(sa, current.get()), refenced, held);
                }
                if (current.isPresent() && !current.get().stopped()) {
                    throw refuse(args, a.name() + " (A) is " + current.get().describe(),
                            "run RESET_REPLICA on A first; nothing was changed");
                }
                ReplicaControl.configure(sa, current, b, position, args.replicationEncrypted());
                return new CutoverFacts.ReverseReplication(false, refenced, held);
            } catch (SQLException | StepFailedException e) {
                throw failure(args, e, refenced == null && held == null ? null
                        : new CutoverFacts.ReverseReplication(null, refenced, held));
            }
        }
    }

    /**
     * A takes writes again after B became the master: its server was restarted and booted with its configuration's
     * read-only setting (off on a server that was a master), or someone lifted the fence. B is the master now, so A is
     * fenced again at once by the plan's strategy (its application sessions ended), fact {@code refenced}; then,
     * if it took any transaction B never had, it must not replicate from B (its data has diverged): refused, terminal,
     * with the errant GTIDs named and A left fenced, B the only writable master ({@link #refuseErrant}).
     */
    private void refence(StepArguments args, WriteFence fence, ClusterSession sa, ClusterSession sb)
            throws SQLException, StepFailedException {
        String a = sa.cluster().name();
        String b = sb.cluster().name();
        fence.close(sa);
        SessionKiller.Report killed = new SessionKiller(support.connections, FlipStrategies.of(args).kill())
                .killAll(sa, args.exemptUsers());
        LOG.warnf("%s (A) took writes again after %s (B) became the master (restarted with read-only off?): fenced it again"
                + " and ended %d application session(s) %s", a, b, killed.killed(), killed.users());
    }

    /** Refuses (terminal) an A fenced again that took a transaction B never had: A stays fenced, B the only master. */
    private void refuseErrant(StepArguments args, ClusterSession sa, ClusterSession sb) throws SQLException, StepFailedException {
        String a = sa.cluster().name();
        String b = sb.cluster().name();
        String errant = ErrantTransactions.of(sa, sb);
        if (!errant.isEmpty()) {
            throw StepFailedException.terminal("REVERSE_REPLICATION refused: " + a + " (A) took writes again after " + b
                    + " (B) became the master, and logged transactions B never had: " + errant, stateOf(args)
                    + ": B is the only writable master; A is fenced again (read-only), does not replicate and holds those"
                    + " transactions: replay or discard them, then run REVERSE_REPLICATION again");
        }
    }
}
