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
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * START_REPLICATION(cluster = target, sourceCluster = source, position = SEED's position): the target
 * replicates from the source from the seed's position, with the source's replication account
 * (dialect {@code changeSource} then {@code startReplica}; on MariaDB {@code gtid_slave_pos} first,
 * then {@code MASTER_USE_GTID=slave_pos}).
 *
 * <p>Converging: when the target already replicates from the source's host and port it is only
 * started if a thread is stopped, never re-pointed (it has applied part of the stream since, and the
 * seed's position would replay it); {@code alreadyApplied} when both threads run. Refused while the
 * target runs replication from another server. Fact {@code position}: the position configured, or
 * the one the target has applied when it already replicated.
 *
 * <p>First of all the target is made read-only ({@link ReplicaReadOnly#keep}; fact {@code replicaReadOnly}, and a
 * {@code warning} where the flavor cannot): it stays so until WRITABLE. A failure after it reports those two facts.
 * Facts: {@link CutoverFacts.StartReplication}.
 */
@Singleton
class StartReplicationHandler extends SqlStepHandler<CutoverFacts.StartReplication> {

    StartReplicationHandler(StepSupport support) {
        super(StepType.START_REPLICATION, support, StepParams.CLUSTER, StepParams.SOURCE_CLUSTER);
    }

    @Override
    protected CutoverFacts.StartReplication converge(StepArguments args) throws SQLException, StepFailedException {
        ClusterSpec target = args.cluster();
        ClusterSpec source = args.sourceCluster();
        String position = args.position();
        try (ClusterSession session = open(target)) {
            // Read-only before it replicates, and on every repeat: a replica takes no application writes.
            CutoverFacts.ReplicaHold held = ReplicaReadOnly.keep(session).facts();
            try {
                Optional<ReplicaState> current = ClusterState.replica(session);
                if (current.isPresent() && current.get().replicatesFrom(source)) {
                    boolean resumed = ReplicaControl.resume(session, current.get());
                    return new CutoverFacts.StartReplication(!resumed, ClusterState.executedGtid(session), held);
                }
                if (current.isPresent() && !current.get().stopped()) {
                    throw refuse(args, target.name() + " is " + current.get().describe(),
                            "run RESET_REPLICA on it first; nothing was changed");
                }
                ReplicaControl.configure(session, current, source, position, args.replicationEncrypted());
                awaitRunning(args, session, source, args.timeout(support.config.defaultWaitTimeout()));
                return new CutoverFacts.StartReplication(false, position, held);
            } catch (SQLException | StepFailedException e) {
                throw failure(args, e, new CutoverFacts.StartReplication(null, null, held));
            }
        }
    }

    private void awaitRunning(StepArguments args, ClusterSession session, ClusterSpec source, Duration timeout)
            throws SQLException, StepFailedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ReplicaState> state = ClusterState.replica(session);
            if (state.isPresent() && "Yes".equalsIgnoreCase(state.get().ioRunning()) && "Yes".equalsIgnoreCase(state.get().sqlRunning())) {
                return;
            }
            boolean failed = state.isEmpty() || !state.get().lastIoError().isEmpty() || !state.get().lastSqlError().isEmpty()
                    || "No".equalsIgnoreCase(state.get().ioRunning()) || "No".equalsIgnoreCase(state.get().sqlRunning());
            if (failed || System.nanoTime() > deadline) {
                String seen = state.map(ReplicaState::describe).orElse("not a replica");
                ReplicaControl.forget(session);
                throw new StepFailedException("START_REPLICATION failed (terminal): " + session.cluster().name() + " cannot replicate"
                        + " from " + source.name() + " (" + source.host() + ":" + source.port() + " as "
                        + source.replication().user() + ")" + (failed ? "" : " within " + timeout.toSeconds() + " s") + ": " + seen,
                        false, stateOf(args) + ": the replication configuration was removed again; fix it and retry", null, null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailedException("START_REPLICATION interrupted while waiting for replication to run", true,
                        stateOf(args), null, e);
            }
        }
    }
}
