package io.handoff.monitor.steps;

import io.handoff.common.cluster.ClusterRegistry;
import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.DriftReport;
import io.handoff.common.event.KeyRange;
import io.handoff.common.event.StepCommand;
import io.handoff.common.event.StepParams;
import io.handoff.common.step.MonitorFacts;
import io.handoff.common.step.StepParameters;
import io.handoff.common.event.StepType;
import io.handoff.kit.steps.StepFailedException;
import io.handoff.kit.steps.StepParametersOf;
import io.handoff.kit.steps.StepHandler;
import io.handoff.monitor.messaging.DriftPublisher;
import io.handoff.verify.Difference;
import io.handoff.verify.Verification;
import io.handoff.verify.VerifyConfig;
import io.handoff.verify.VerifyReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * VERIFY: chunked checksums of every table, compared between source and target while replication
 * runs, at the same replication position, narrowed to the differing rows (see
 * {@code io.handoff.verify.TableVerifier}). Read-only on both servers.
 *
 * <p>Params: {@code cluster} (the target), {@code sourceCluster}, optional {@code schemas} (list of
 * schema names; default: every schema of the source but {@code mysql}, {@code information_schema},
 * {@code performance_schema}, {@code sys} and the monitor's {@code handoff}). A named schema missing
 * on the source fails the step (terminal): a typo must not verify nothing.
 *
 * <p>Contract with the planner's gate: <b>drift is a finding, not a failure</b>. A VERIFY that could
 * compare everything SUCCEEDS, also when tables differ, with the facts ({@link MonitorFacts.Verify}) {@code drift}
 * (number of differences, always complete) and {@code differences} (each {@code {table, key, kind}}: key column
 * to value, kind {@code MISSING} on the target, {@code EXTRA} on the target or {@code DIFFERENT}; a
 * whole-table difference has an empty key and a {@code detail}; at most
 * {@code handoff.verify.max-listed-differences} are listed, within 256 KiB, and
 * {@code differencesTruncated} says when more were found). A gate that demands zero drift reads {@code drift == 0}, and may allow named
 * exceptions from the list. Further facts: {@code schemas}, {@code tables}, {@code rows} (source rows
 * compared), {@code chunks}, {@code rechecks}, {@code durationMs}, {@code rowsPerSecond},
 * {@code wholeTables} (tables without a primary or unique NOT NULL key, compared as one chunk and
 * their rows named by all their columns, long values cut). Each named difference (the first
 * {@code handoff.verify.max-named-differences}) is also published as a DriftReport on
 * {@code handoff.replication.drift} (a whole-table one with the key range {@code *..*}) before the
 * step succeeds.
 *
 * <p>FAILED only when the comparison could not be completed, with the facts of what was compared so
 * far: retryable when the target did not reach the source's position in time, a server or Kafka was
 * unreachable, or the run exceeded {@code handoff.verify.max-duration}; terminal for a bad param, a
 * refused login or missing privileges. Either way nothing was changed on any server.
 *
 * <p>Idempotent: it only reads; a redelivered command compares again (and publishes its reports again).
 * A row changed on the source so often that it differs on every recheck is reported as DIFFERENT:
 * VERIFY cannot tell it from drift.
 */
@ApplicationScoped
public class VerifyHandler implements StepHandler {
    private static final Logger LOG = Logger.getLogger(VerifyHandler.class);
    /** Low and high of the key range of a whole-table DriftReport. */
    public static final String WHOLE_TABLE = "*";

    private final ClusterRegistry registry;
    private final VerifyConfig config;
    private final DriftPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    public VerifyHandler(ClusterRegistry registry, VerifyConfig config, DriftPublisher publisher) {
        this.registry = registry;
        this.config = config;
        this.publisher = publisher;
    }

    @Override
    public StepType type() {
        return StepType.VERIFY;
    }

    @Override
    public MonitorFacts.Verify execute(StepCommand command) throws StepFailedException {
        StepParameters.Verify params = StepParametersOf.command(command, StepParameters.Verify.class);
        ClusterSpec target = MonitorParams.cluster(type(), StepParams.CLUSTER, params.cluster(), registry);
        ClusterSpec source = MonitorParams.cluster(type(), StepParams.SOURCE_CLUSTER, params.sourceCluster(), registry);
        if (source.name().equals(target.name())) {
            throw StepFailedException.terminal("VERIFY: cluster and sourceCluster are both " + source.name(), "nothing was changed");
        }
        List<String> schemas = schemas(params.schemas());
        Verification.Outcome outcome = new Verification(config).run(source, target, schemas);
        VerifyReport report = outcome.report();
        MonitorFacts.Verify facts = report.toFacts(config.maxListedDifferences());
        if (outcome.failure() != null) {
            throw new StepFailedException("VERIFY of " + target.name() + " against " + source.name() + " incomplete: "
                    + outcome.failure().getMessage(), outcome.failure().retryable(), "nothing was changed", facts,
                    outcome.failure().getCause());
        }
        LOG.infof("VERIFY %s <- %s: %d tables, %d rows in %d chunks, %d ms (%d rows/s), drift %d", target.name(),
                source.name(), report.tables(), report.rows(), report.chunks(), report.durationMs(), report.rowsPerSecond(),
                report.drift());
        if (config.publishDrift()) {
            try {
                publisher.publishAll(driftReports(command.planId(), report.differences()), config.publishTimeout());
            } catch (DriftPublisher.DriftNotPublishedException e) {
                throw new StepFailedException("VERIFY found " + report.drift() + " differences but could not"
                        + " publish them: " + e.getMessage(), true, "nothing was changed", facts, e);
            }
        }
        return facts;
    }

    private List<DriftReport> driftReports(String planId, List<Difference> differences) {
        Instant detectedAt = clock.instant();
        List<DriftReport> reports = new ArrayList<>(differences.size());
        for (Difference difference : differences) {
            reports.add(difference.wholeTable()
                    ? DriftReport.ofRange(planId, difference.table(), difference.kind(), new KeyRange(WHOLE_TABLE, WHOLE_TABLE),
                            1, detectedAt, clock)
                    : DriftReport.ofRow(planId, difference.table(), difference.kind(), difference.key(), detectedAt, clock));
        }
        return reports;
    }

    private static List<String> schemas(List<String> schemas) throws StepFailedException {
        if (schemas == null) {
            return List.of();
        }
        if (schemas.isEmpty() || !schemas.stream().allMatch(name -> name != null && !name.isBlank())) {
            throw StepFailedException.terminal("VERIFY: '" + StepParams.SCHEMAS + "' must be a non-empty list of schema names, not "
                    + schemas, "nothing was changed");
        }
        return schemas.stream().distinct().toList();
    }
}
