package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import io.handoff.common.event.StepCommand;
import java.util.List;
import java.util.Set;

/**
 * KILL_CONNECTIONS(cluster, exemptUsers, strategies): ends every application session on the old master
 * once it is read-only, with the plan's kill strategy ({@link SessionKiller}), so that no client keeps a transaction open against it. Spares this service's own
 * connection, replication and server threads, and the exempt accounts ({@link KillPolicy}).
 * Converging: a repeat kills only what connected since. Facts: {@link CutoverFacts.KillConnections} ({@code killed},
 * {@code killedUsers}).
 */
@Singleton
class KillConnectionsHandler extends SqlStepHandler<CutoverFacts.KillConnections> {

    KillConnectionsHandler(StepSupport support) {
        super(StepType.KILL_CONNECTIONS, support, StepParams.CLUSTER);
    }

    @Override
    protected CutoverFacts.KillConnections converge(StepArguments args) throws SQLException, StepFailedException {
        try (ClusterSession session = open(args.cluster())) {
            return new CutoverFacts.KillConnections(new SessionKiller(support.connections, FlipStrategies.of(args).kill())
                    .killAll(session, args.exemptUsers()).facts());
        }
    }

    /**
     * Prepared: the sessions handoff's services hold (which the kill spares) are read now, so that the window holds only
     * the listing of the sessions and their kills. A service session opened in between is killed like an application's;
     * it reconnects.
     */
    @Override
    protected Step<CutoverFacts.KillConnections> prepare(StepArguments args, List<StepCommand> earlier)
            throws SQLException, StepFailedException {
        Set<Long> handoff;
        try (ClusterSession session = open(args.cluster())) {
            handoff = SessionKiller.handoffSessions(session);
        }
        SessionKiller killer = new SessionKiller(support.connections, FlipStrategies.of(args).kill(), handoff);
        Set<String> exempt = args.exemptUsers();
        return () -> {
            try (ClusterSession session = open(args.cluster())) {
                return new CutoverFacts.KillConnections(killer.killAll(session, exempt).facts());
            }
        };
    }
}
