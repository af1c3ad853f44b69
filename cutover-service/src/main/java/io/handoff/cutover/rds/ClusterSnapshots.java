package io.handoff.cutover.rds;

import io.handoff.cutover.config.RdsConfig;
import io.handoff.kit.steps.StepFailedException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;

/**
 * SNAPSHOT of an Aurora cluster: a manual cluster snapshot ({@code CreateDBClusterSnapshot}), waited for
 * until {@code DescribeDBClusterSnapshots} shows it {@code available}.
 *
 * <p>Converging: the snapshot identifier depends only on the plan, the step and the cluster
 * ({@link #identifier}); a snapshot already under it is not created again, only waited for (and reported
 * {@code alreadyApplied} when it is available at once). A cluster busy with another change (its security
 * groups settling) is waited for. Every wait polls with {@link Backoff} and ends at the command's
 * deadline. Runs on the command worker thread.
 */
@Singleton
public class ClusterSnapshots {
    private static final Logger LOG = Logger.getLogger(ClusterSnapshots.class);
    private static final int MAX_IDENTIFIER = 255;

    /**
     * @param target         the cluster
     * @param identifier     the snapshot's identifier
     * @param arn            the snapshot's ARN
     * @param alreadyApplied the snapshot existed and was available: nothing was created or waited for
     * @param waitedMs       how long the step waited for it to be available
     * @param createdAt      the snapshot's creation time as RDS reports it; null when it reports none
     */
    public record Outcome(RdsTarget target, String identifier, String arn, boolean alreadyApplied, long waitedMs,
            Instant createdAt) {
    }

    private final ManagedClusters clusters;
    private final RdsConfig config;

    ClusterSnapshots(ManagedClusters clusters, RdsConfig config) {
        this.clusters = clusters;
        this.config = config;
    }

    /**
     * The snapshot identifier of a plan's step on a cluster: {@code handoff-<plan>-<step>-<cluster>} folded to
     * RDS's rules (letters, digits and single hyphens, starting with a letter, at most 255 characters).
     */
    public static String identifier(String planId, String stepId, String cluster) {
        String folded = ("handoff-" + planId + "-" + stepId + "-" + cluster).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("-+", "-");
        if (folded.length() > MAX_IDENTIFIER) {
            String hash = Integer.toHexString(folded.hashCode());
            folded = folded.substring(0, MAX_IDENTIFIER - hash.length() - 1) + "-" + hash;
        }
        return folded.replaceAll("-+$", "");
    }

    /** Takes (or finds) the snapshot {@code identifier} of cluster {@code name} and waits until it is available. */
    public Outcome snapshot(String name, String identifier, Instant deadline) throws StepFailedException {
        RdsTarget target = clusters.require(name, "a snapshot of the Aurora cluster (CreateDBClusterSnapshot)");
        Instant started = Instant.now();
        Backoff backoff = new Backoff(config.pollInitial(), config.pollMax(), deadline);
        DBClusterSnapshot seen = null;
        boolean first = true;
        try {
            while (true) {
                Optional<DBClusterSnapshot> found = find(target, identifier);
                if (found.isPresent()) {
                    seen = found.get();
                    if (!seen.dbClusterIdentifier().equalsIgnoreCase(target.clusterId())) {
                        throw StepFailedException.terminal("SNAPSHOT refused: the snapshot " + identifier + " exists but is of the"
                                + " cluster " + seen.dbClusterIdentifier() + ", not of " + target.describe(),
                                "nothing was changed on " + target.describe() + "; the other cluster's snapshot was left alone");
                    }
                    if ("available".equals(seen.status())) {
                        return new Outcome(target, identifier, seen.dbClusterSnapshotArn(), first,
                                first ? 0 : Duration.between(started, Instant.now()).toMillis(), seen.snapshotCreateTime());
                    }
                    if (!"creating".equals(seen.status())) {
                        throw StepFailedException.terminal("SNAPSHOT of " + target.describe() + " failed: the snapshot " + identifier
                                + " is " + seen.status(), "the snapshot " + identifier + " is " + seen.status()
                                + "; delete it before a repeat, which creates it again");
                    }
                } else {
                    create(target, identifier);
                }
                first = false;
                if (!backoff.pause()) {
                    throw StepFailedException.retryable("the snapshot " + identifier + " of " + target.describe()
                            + " was not available by the command's deadline " + deadline + " (retryable: a repeat waits for it"
                            + " again)", state(target, identifier, seen), null);
                }
            }
        } catch (SdkException e) {
            throw RdsFailures.failed("SNAPSHOT (CreateDBClusterSnapshot)", target, e, state(target, identifier, seen));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailedException.retryable("the snapshot of " + target.describe() + " was interrupted",
                    state(target, identifier, seen), e);
        }
    }

    private static Optional<DBClusterSnapshot> find(RdsTarget target, String identifier) {
        try {
            return target.client().describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier(identifier))
                    .dbClusterSnapshots().stream().findFirst();
        } catch (DbClusterSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Submits the snapshot; a cluster busy with another change is left for the next poll. */
    private static void create(RdsTarget target, String identifier) {
        try {
            target.client().createDBClusterSnapshot(b -> b.dbClusterIdentifier(target.clusterId())
                    .dbClusterSnapshotIdentifier(identifier));
            LOG.infof("CreateDBClusterSnapshot %s of %s submitted", identifier, target.describe());
        } catch (InvalidDbClusterStateException e) {
            LOG.infof("CreateDBClusterSnapshot %s: the cluster %s is busy; waiting", identifier, target.describe());
        }
    }

    private static String state(RdsTarget target, String identifier, DBClusterSnapshot seen) {
        return target.describe() + ": the snapshot " + identifier + (seen == null ? " was not seen" : " is " + seen.status())
                + "; a repeat of the step converges (it does not create a second snapshot)";
    }
}
