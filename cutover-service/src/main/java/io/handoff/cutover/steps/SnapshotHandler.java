package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.common.sql.SqlDialect;
import io.handoff.common.sql.SystemSchemas;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.cutover.cluster.PortableSql;
import io.handoff.cutover.rds.ClusterSnapshots;
import io.handoff.cutover.seed.ClientPrograms;
import io.handoff.cutover.seed.DumpPipe;
import io.handoff.cutover.seed.SnapshotDump;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SNAPSHOT(cluster, schemas (optional: every application schema)): right after read-only, a
 * consistent logical dump of the cluster to {@code handoff.cutover.snapshot-dir}/{@code <plan>}/
 * {@code <cluster>-<step>.sql} ({@link SnapshotDump}). Facts ({@link CutoverFacts.Snapshot}): {@code snapshot} (the
 * file's path), {@code bytes}, {@code position} (the GTID position the dump was taken at), {@code alreadyApplied}.
 *
 * <p>Converging: the file name depends only on the plan, the step and the cluster, and a file under
 * that name is always complete, so a repeat finds it and reports it without dumping again; an
 * interrupted attempt left only a {@code .partial} file, which the next attempt replaces.
 *
 * <p>Aurora: a cluster snapshot through the RDS API ({@link ClusterSnapshots}: CreateDBClusterSnapshot,
 * waited for until available, within the command's deadline) of the cluster's
 * {@code handoff.rds.clusters.<name>.cluster-id}. Facts: {@code snapshot} (the snapshot identifier,
 * derived from the plan, the step and the cluster, so a repeat finds it), {@code snapshotArn},
 * {@code rdsCluster}, {@code waitedMs}, {@code alreadyApplied}, {@code confirmedAt} (when RDS created it).
 */
@Singleton
class SnapshotHandler extends SqlStepHandler<CutoverFacts.Snapshot> {

    SnapshotHandler(StepSupport support) {
        super(StepType.SNAPSHOT, support, StepParams.CLUSTER);
    }

    @Override
    protected CutoverFacts.Snapshot converge(StepArguments args) throws SQLException, StepFailedException {
        ClusterSpec cluster = args.cluster();
        if (SqlDialect.of(cluster.flavor()).snapshotsThroughRds()) {
            return facts(support.clusterSnapshots.snapshot(cluster.name(),
                    ClusterSnapshots.identifier(args.planId(), args.stepId(), cluster.name()), args.deadline()));
        }
        Path file = support.config.snapshotDir().resolve(safe(args.planId())).resolve(safe(cluster.name()) + "-"
                + safe(args.stepId()) + ".sql");
        try {
            Optional<SnapshotDump.Result> existing = SnapshotDump.existing(file);
            if (existing.isPresent()) {
                return facts(existing.get(), true);
            }
        } catch (IOException e) {
            throw StepFailedException.terminal("SNAPSHOT cannot read " + file + ": " + e.getMessage(), "nothing was changed");
        }
        List<String> schemas = schemas(args, cluster);
        try {
            SnapshotDump dump = new SnapshotDump(new ClientPrograms(support.config.clientBinDir()), support.config.snapshotTimeout());
            return facts(dump.run(cluster, schemas, file), false);
        } catch (DumpPipe.DumpFailedException | IllegalStateException e) {
            throw new StepFailedException("SNAPSHOT failed (terminal): " + e.getMessage(), false, stateOf(args)
                    + "; no snapshot file was written", null, null);
        }
    }

    private List<String> schemas(StepArguments args, ClusterSpec cluster) throws SQLException, StepFailedException {
        Set<String> given = args.schemas();
        if (given.stream().anyMatch(SystemSchemas::contains)) {
            throw args.invalid(StepParams.SCHEMAS, "naming a system schema " + SystemSchemas.NAMES);
        }
        if (!given.isEmpty()) {
            return List.copyOf(given);
        }
        try (ClusterSession session = open(cluster)) {
            List<String> all = new ArrayList<>(session.query(PortableSql.applicationSchemas(), row -> row.getString(1)));
            if (all.isEmpty()) {
                throw refuse(args, cluster.name() + " has no application schema to snapshot", "nothing was changed");
            }
            return all;
        }
    }

    private static CutoverFacts.Snapshot facts(SnapshotDump.Result result, boolean alreadyApplied) {
        return new CutoverFacts.Snapshot(result.file().toString(), result.bytes(), result.position(), null, null, null, null,
                alreadyApplied);
    }

    /** Where the cluster snapshot is. */
    private static CutoverFacts.Snapshot facts(ClusterSnapshots.Outcome taken) {
        return new CutoverFacts.Snapshot(taken.identifier(), null, null, taken.arn(), taken.target().clusterId(),
                taken.waitedMs(), taken.createdAt() == null ? null : taken.createdAt().toString(), taken.alreadyApplied());
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
