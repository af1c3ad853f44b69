package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;

/**
 * FLUSH_TABLES(cluster): closes open tables so that read-only and the final position come quickly.
 * Always runs: it is cheap, changes no data and, as the dialect's LOCAL flush, writes no GTID, so a
 * repeated flush is harmless. Facts: {@link CutoverFacts.FlushTables} ({@code durationMs}).
 */
@Singleton
class FlushTablesHandler extends SqlStepHandler<CutoverFacts.FlushTables> {

    FlushTablesHandler(StepSupport support) {
        super(StepType.FLUSH_TABLES, support, StepParams.CLUSTER);
    }

    @Override
    protected CutoverFacts.FlushTables converge(StepArguments args) throws SQLException, StepFailedException {
        try (ClusterSession session = open(args.cluster())) {
            long start = System.nanoTime();
            session.execute(session.dialect().flushTables());
            return new CutoverFacts.FlushTables((System.nanoTime() - start) / 1_000_000);
        }
    }
}
