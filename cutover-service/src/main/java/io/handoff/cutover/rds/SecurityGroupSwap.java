package io.handoff.cutover.rds;

import io.handoff.common.step.CutoverFacts;
import io.handoff.cutover.config.RdsConfig;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * The {@code security-group-swap} read-only strategy: an Aurora cluster's VPC security groups replaced,
 * through {@code ModifyDBCluster}, by its restricted group (which admits only administrators), and back
 * to its normal groups. A swap is done when {@code DescribeDBClusters} shows exactly the wanted groups,
 * each {@code active}, and the cluster {@code available}: only then does the network refuse new
 * application connections (or admit them again). Connections already open survive a swap; the caller
 * ends them.
 *
 * <p>Converging: the cluster is read first; groups already wanted (in effect or still being added) are
 * not modified again, only waited for; a cluster busy with another change is waited for before it is
 * modified. Every wait polls with {@link Backoff} and ends at the command's deadline. Runs on the
 * command worker thread.
 */
@Singleton
public class SecurityGroupSwap {
    private static final Logger LOG = Logger.getLogger(SecurityGroupSwap.class);

    /**
     * @param target         the cluster
     * @param alreadyApplied the groups were already in effect: nothing was modified or waited for
     * @param previous       the groups (active or being added) when the swap found the cluster
     * @param groups         the groups now in effect
     * @param waitedMs       how long the swap waited for the change to be in effect
     * @param confirmedAt    when the API showed the groups in effect
     */
    public record Outcome(RdsTarget target, boolean alreadyApplied, List<String> previous, List<String> groups, long waitedMs,
            Instant confirmedAt) {
        /** As READ_ONLY and WRITABLE report it (their {@code alreadyApplied} and {@code confirmedAt} are the step's). */
        public CutoverFacts.SecurityGroups facts() {
            return new CutoverFacts.SecurityGroups(target.clusterId(), previous, groups, confirmedAt.toString(), waitedMs);
        }
    }

    private final ManagedClusters clusters;
    private final RdsConfig config;

    SecurityGroupSwap(ManagedClusters clusters, RdsConfig config) {
        this.clusters = clusters;
        this.config = config;
    }

    /** Swaps cluster {@code name} to its restricted group and waits until that is in effect. */
    public Outcome restrict(String name, Instant deadline) throws StepFailedException {
        RdsTarget target = clusters.require(name, "the read-only strategy 'security-group-swap'");
        return converge(target, Set.of(target.restrictedGroup()), deadline);
    }

    /** Gives cluster {@code name} its normal groups back and waits until they are in effect. */
    public Outcome restore(String name, Instant deadline) throws StepFailedException {
        RdsTarget target = clusters.require(name, "the read-only strategy 'security-group-swap'");
        return converge(target, target.normalSet(), deadline);
    }

    /** {@code true} when cluster {@code name} has only its restricted group, in effect. */
    public boolean restricted(String name) throws StepFailedException {
        RdsTarget target = clusters.require(name, "the read-only strategy 'security-group-swap'");
        try {
            return inEffect(describe(target), Set.of(target.restrictedGroup()));
        } catch (SdkException e) {
            throw RdsFailures.failed("DescribeDBClusters", target, e, "nothing was changed on " + target.describe());
        }
    }

    /**
     * Why the RDS API cannot read cluster {@code name} (PRECHECK), with whether that is likely to last; empty
     * when it reads the cluster.
     *
     * @param terminal set to whether the problem will last (a missing cluster, refused credentials)
     */
    public Optional<String> readProblem(RdsTarget target, boolean[] terminal) {
        try {
            describe(target);
            return Optional.empty();
        } catch (SdkException e) {
            terminal[0] = !RdsFailures.retryable(e);
            return Optional.of("DescribeDBClusters of " + target.describe() + " failed: " + RdsFailures.describe(e));
        }
    }

    private Outcome converge(RdsTarget target, Set<String> wanted, Instant deadline) throws StepFailedException {
        Instant started = Instant.now();
        Backoff backoff = new Backoff(config.pollInitial(), config.pollMax(), deadline);
        DBCluster cluster = null;
        List<String> previous = null;
        try {
            while (true) {
                cluster = describe(target);
                if (previous == null) {
                    previous = attached(cluster);
                    if (inEffect(cluster, wanted)) {
                        return new Outcome(target, true, previous, previous, 0, Instant.now());
                    }
                } else if (inEffect(cluster, wanted)) {
                    return new Outcome(target, false, previous, attached(cluster),
                            Duration.between(started, Instant.now()).toMillis(), Instant.now());
                }
                if (!Set.copyOf(attached(cluster)).equals(wanted) && "available".equals(cluster.status())) {
                    modify(target, wanted);
                }
                if (!backoff.pause()) {
                    throw timedOut(target, wanted, cluster, deadline);
                }
            }
        } catch (SdkException e) {
            throw RdsFailures.failed("the security group swap", target, e, state(target, cluster, wanted));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailedException.retryable("the security group swap of " + target.describe() + " was interrupted",
                    state(target, cluster, wanted), e);
        }
    }

    /** Submits the new groups; a cluster that turned busy meanwhile is left for the next poll. */
    private static void modify(RdsTarget target, Set<String> wanted) {
        List<String> groups = wanted.stream().sorted().toList();
        try {
            target.client().modifyDBCluster(b -> b.dbClusterIdentifier(target.clusterId()).vpcSecurityGroupIds(groups)
                    .applyImmediately(true));
            LOG.infof("ModifyDBCluster %s: security groups %s submitted", target.describe(), groups);
        } catch (InvalidDbClusterStateException e) {
            LOG.infof("ModifyDBCluster %s: the cluster is busy (%s); waiting", target.describe(), e.awsErrorDetails().errorCode());
        }
    }

    private static DBCluster describe(RdsTarget target) {
        List<DBCluster> found = target.client().describeDBClusters(b -> b.dbClusterIdentifier(target.clusterId())).dbClusters();
        if (found.isEmpty()) {
            throw DbClusterNotFoundException.builder()
                    .message("DescribeDBClusters returned no cluster " + target.clusterId()).statusCode(404)
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("DBClusterNotFoundFault").errorMessage("no cluster " + target.clusterId()).build())
                    .build();
        }
        return found.get(0);
    }

    /** The groups attached or being attached (not those being removed), in the API's order. */
    private static List<String> attached(DBCluster cluster) {
        return cluster.vpcSecurityGroups().stream().filter(g -> !"removing".equals(g.status()))
                .map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList();
    }

    /** Exactly {@code wanted}, every one active, and the cluster available. */
    private static boolean inEffect(DBCluster cluster, Set<String> wanted) {
        List<VpcSecurityGroupMembership> groups = cluster.vpcSecurityGroups();
        return "available".equals(cluster.status()) && groups.stream().allMatch(g -> "active".equals(g.status()))
                && Set.copyOf(groups.stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList()).equals(wanted);
    }

    private static StepFailedException timedOut(RdsTarget target, Set<String> wanted, DBCluster cluster, Instant deadline) {
        return StepFailedException.retryable("the security group swap of " + target.describe() + " to " + wanted.stream().sorted().toList()
                + " was not in effect by the command's deadline " + deadline + " (retryable: a repeat waits for it again)",
                state(target, cluster, wanted), null);
    }

    /** What the cluster looked like at the last read, and what a repeat does. */
    private static String state(RdsTarget target, DBCluster cluster, Set<String> wanted) {
        if (cluster == null) {
            return target.describe() + ": nothing was changed (the cluster could not be read)";
        }
        return target.describe() + ": status " + cluster.status() + ", security groups " + cluster.vpcSecurityGroups().stream()
                .map(g -> g.vpcSecurityGroupId() + "=" + g.status()).toList() + "; a repeat of the step converges to "
                + wanted.stream().sorted().toList();
    }
}
