package io.handoff.cutover.steps;

import io.handoff.common.cluster.ClusterSpec;
import io.handoff.common.event.StepParams;
import io.handoff.common.event.StepType;
import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.cluster.ClusterSession;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PRECHECK(cluster = target, sourceCluster = source, strategies = {readOnly, kill} (optional),
 * schemas (optional)): reads both servers and judges them with {@link PrecheckRules} (and, for the
 * {@code security-group-swap} strategy, both clusters' RDS settings with {@link SecurityGroupSwapPrecheck}). Fact
 * {@code findings} ({@link CutoverFacts.Precheck}): every finding as {severity, check, cluster, detail}. Succeeds
 * when no finding is BLOCKING; otherwise fails (terminal: the same servers give the same findings until someone fixes
 * them) naming the blocking findings, with all findings as facts. Reads only, so a redelivery is
 * harmless.
 *
 * <p>Errant GTIDs are judged on a target read before the source, so that a healthy target replicating while
 * the source takes writes is never judged errant: whatever the target applied by the time it was read, the
 * source had logged before it was read.
 */
@Singleton
class PrecheckHandler extends SqlStepHandler<CutoverFacts.Precheck> {
    PrecheckHandler(StepSupport support) {
        super(StepType.PRECHECK, support, StepParams.SOURCE_CLUSTER, StepParams.CLUSTER);
    }

    @Override
    protected CutoverFacts.Precheck converge(StepArguments args) throws SQLException, StepFailedException {
        ClusterSpec target = args.cluster();
        ClusterSpec source = args.sourceCluster();
        FlipStrategies flip = FlipStrategies.of(args);
        PrecheckRules.Strategies strategies = new PrecheckRules.Strategies(flip.readOnly().name, flip.kill().name);
        Set<String> schemas = args.schemas();
        ServerFacts onSource;
        ServerFacts onTarget;
        String mysqlErrant;
        // The target is read before the source (issue 16): a target replicating from the source only holds source
        // transactions the source already logged, so every one of them is in the source's state read afterwards. Read the
        // other way round, a transaction the target applies between the two reads looks errant.
        try (ClusterSession targetSession = open(target)) {
            onTarget = ServerFactsReader.read(targetSession, false, schemas, support.config.connections().connectTimeout());
            try (ClusterSession sourceSession = open(source)) {
                onSource = ServerFactsReader.read(sourceSession, true, schemas, support.config.connections().connectTimeout());
            }
            mysqlErrant = ServerFactsReader.mysqlErrant(onTarget, targetSession, onTarget.gtidState(), onSource.gtidState());
        }
        List<Finding> findings = new ArrayList<>(PrecheckRules.evaluate(onSource, onTarget, strategies,
                support.config.minBinlogRetention().toSeconds()));
        if (!mysqlErrant.isEmpty()) {
            findings.add(PrecheckRules.errantFinding(onTarget, mysqlErrant));
        }
        if (flip.readOnly() == FlipStrategies.ReadOnly.SECURITY_GROUP_SWAP) {
            findings.addAll(SecurityGroupSwapPrecheck.evaluate(support.managedClusters, support.securityGroups, List.of(source, target)));
        }
        CutoverFacts.Precheck facts = new CutoverFacts.Precheck(findings.stream().map(Finding::fact).toList());
        List<Finding> blocking = findings.stream().filter(Finding::blocking).toList();
        if (!blocking.isEmpty()) {
            throw new StepFailedException("PRECHECK found " + blocking.size() + " blocking problem(s): "
                    + blocking.stream().map(Finding::toString).collect(Collectors.joining("; ")), false,
                    "nothing was changed: fix the servers and run PRECHECK again", facts, null);
        }
        return facts;
    }
}
