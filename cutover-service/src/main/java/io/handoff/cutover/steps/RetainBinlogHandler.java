package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.step.StepParameters;
import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Optional;

/**
 * RETAIN_BINLOG(cluster = the source, retainSeconds): makes the source keep its binlogs at least
 * {@code retainSeconds}, so that the seed's position is still in its binlog when the target starts
 * replicating, however long the seed and the catch-up take. MariaDB and MySQL set
 * {@code binlog_expire_logs_seconds}; Aurora/RDS call {@code mysql.rds_set_configuration('binlog
 * retention hours', N)} (the dialect's).
 *
 * <p>Converging and never lowering: a retention already at least as long, or 0 (never purged by
 * age), is left alone and reported {@code alreadyApplied}. Facts ({@link CutoverFacts.RetainBinlog}):
 * {@code previousRetentionSeconds} (absent when binlogs were purged at once; reported with a failure that follows its
 * read), {@code retentionSeconds}; when it changed the retention,
 * {@code retentionPersistent} and, where a restart would undo it (MariaDB has no {@code SET PERSIST}), a
 * {@code warning} telling the operator to put it in the server's configuration. MySQL 8 uses
 * {@code SET PERSIST}.
 */
@Singleton
class RetainBinlogHandler extends SqlStepHandler<CutoverFacts.RetainBinlog> {

    RetainBinlogHandler(StepSupport support) {
        super(StepType.RETAIN_BINLOG, support, StepParams.CLUSTER);
    }

    @Override
    protected CutoverFacts.RetainBinlog converge(StepArguments args) throws SQLException, StepFailedException {
        long wanted = args.params(StepParameters.RetainBinlog.class).retainSeconds();
        if (wanted < 1) {
            throw args.invalid(StepParams.RETAIN_SECONDS, "not a positive whole number");
        }
        try (ClusterSession session = open(args.cluster())) {
            Long previous = retention(session).orElse(null);
            try {
                boolean enough = previous != null && (previous == 0 || previous >= wanted);
                if (enough) {
                    return new CutoverFacts.RetainBinlog(previous, retention(session).orElse(null), true, null, null);
                }
                session.executeAll(session.dialect().retainBinlog(wanted));
                Long now = retention(session).orElse(null);
                boolean persistent = session.dialect().retentionSurvivesRestart();
                String warning = persistent ? null : "binlog_expire_logs_seconds=" + wanted + " is set until "
                        + args.cluster().name() + " restarts; put it in the server's configuration"
                        + " file too, or a restart before the target has caught up may purge binlogs it still needs";
                return new CutoverFacts.RetainBinlog(previous, now, false, persistent, warning);
            } catch (SQLException e) {
                throw failure(args, e, new CutoverFacts.RetainBinlog(previous, null, null, null, null));
            }
        }
    }

    private static Optional<Long> retention(ClusterSession session) throws SQLException {
        return session.queryFirst(session.dialect().binlogRetentionSeconds(), row -> {
            long value = row.getLong(1);
            return row.wasNull() ? Optional.<Long>empty() : Optional.of(value);
        }).flatMap(value -> value);
    }
}
