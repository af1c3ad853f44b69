package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * RETAIN_BINLOG(cluster = the source, retainSeconds): makes the source keep its binlogs at least
 * {@code retainSeconds}, so that the seed's position is still in its binlog when the target starts
 * replicating, however long the seed and the catch-up take. MariaDB and MySQL set
 * {@code binlog_expire_logs_seconds}; Aurora/RDS call {@code mysql.rds_set_configuration('binlog
 * retention hours', N)} (the dialect's).
 *
 * <p>Converging and never lowering: a retention already at least as long, or 0 (never purged by
 * age), is left alone and reported {@code alreadyApplied}. Facts: {@code previousRetentionSeconds}
 * (null when binlogs were purged at once), {@code retentionSeconds}.
 */
@Singleton
class RetainBinlogHandler extends SqlStepHandler {

    RetainBinlogHandler(StepSupport support) {
        super(StepType.RETAIN_BINLOG, support, StepParams.CLUSTER);
    }

    @Override
    protected void converge(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException {
        long wanted = args.positive(StepParams.RETAIN_SECONDS);
        try (ClusterSession session = open(args.cluster(StepParams.CLUSTER))) {
            Optional<Long> current = retention(session);
            facts.put(StepParams.FACT_PREVIOUS_RETENTION_SECONDS, current.orElse(null));
            boolean enough = current.map(seconds -> seconds == 0 || seconds >= wanted).orElse(false);
            if (!enough) {
                session.executeAll(session.dialect().retainBinlog(wanted));
            }
            facts.put(StepParams.FACT_RETENTION_SECONDS, retention(session).orElse(null));
            facts.put(StepParams.FACT_ALREADY_APPLIED, enough);
        }
    }

    private static Optional<Long> retention(ClusterSession session) throws SQLException {
        return session.queryFirst(session.dialect().binlogRetentionSeconds(), row -> {
            long value = row.getLong(1);
            return row.wasNull() ? Optional.<Long>empty() : Optional.of(value);
        }).flatMap(value -> value);
    }
}
