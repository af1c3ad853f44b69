package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;

/**
 * KILL_CONNECTIONS(cluster, exemptUsers, strategies): ends every application session on the old master
 * once it is read-only, with the plan's kill strategy ({@link SessionKiller}), so that no client keeps a transaction open against it. Spares this service's own
 * connection, replication and server threads, and the exempt accounts ({@link KillPolicy}).
 * Converging: a repeat kills only what connected since. Facts: {@code killed}, {@code killedUsers}.
 */
@Singleton
class KillConnectionsHandler extends SqlStepHandler {

    KillConnectionsHandler(StepSupport support) {
        super(StepType.KILL_CONNECTIONS, support, StepParams.CLUSTER);
    }

    @Override
    protected void converge(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException {
        try (ClusterSession session = open(args.cluster(StepParams.CLUSTER))) {
            new SessionKiller(support.connections, FlipStrategies.of(args).kill())
                    .killAll(session, args.names(StepParams.EXEMPT_USERS)).report(facts);
        }
    }
}
