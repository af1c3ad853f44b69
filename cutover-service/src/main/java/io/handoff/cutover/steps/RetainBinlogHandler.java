package io.handoff.cutover.steps;

import io.handoff.common.event.StepParams;
import io.handoff.common.step.StepParameters;
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
 * (null when binlogs were purged at once), {@code retentionSeconds}; when it changed the retention,
 * {@code retentionPersistent} and, where a restart would undo it (MariaDB has no {@code SET PERSIST}), a
 * {@code warning} telling the operator to put it in the server's configuration. MySQL 8 uses
 * {@code SET PERSIST}.
 */
@Singleton
class RetainBinlogHandler extends SqlStepHandler {

    RetainBinlogHandler(StepSupport support) {
        super(StepType.RETAIN_BINLOG, support, StepParams.CLUSTER);
    }

    @Override
    protected void converge(StepArguments args, Map<String, Object> facts) throws SQLException, StepFailedException {
        long wanted = args.params(StepParameters.RetainBinlog.class).retainSeconds();
        if (wanted < 1) {
            throw args.invalid(StepParams.RETAIN_SECONDS, "not a positive whole number");
        }
        try (ClusterSession session = open(args.cluster())) {
            Optional<Long> current = retention(session);
            facts.put(StepParams.FACT_PREVIOUS_RETENTION_SECONDS, current.orElse(null));
            boolean enough = current.map(seconds -> seconds == 0 || seconds >= wanted).orElse(false);
            if (!enough) {
                session.executeAll(session.dialect().retainBinlog(wanted));
            }
            facts.put(StepParams.FACT_RETENTION_SECONDS, retention(session).orElse(null));
            facts.put(StepParams.FACT_ALREADY_APPLIED, enough);
            if (!enough) {
                boolean persistent = session.dialect().retentionSurvivesRestart();
                facts.put(StepParams.FACT_RETENTION_PERSISTENT, persistent);
                if (!persistent) {
                    facts.put(StepParams.FACT_WARNING, "binlog_expire_logs_seconds=" + wanted + " is set until "
                            + args.cluster().name() + " restarts; put it in the server's configuration"
                            + " file too, or a restart before the target has caught up may purge binlogs it still needs");
                }
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
