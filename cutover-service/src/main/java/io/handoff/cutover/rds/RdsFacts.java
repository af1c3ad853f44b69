package io.handoff.cutover.rds;

/**
 * Names of the facts the RDS-backed steps add to their events (besides {@code alreadyApplied},
 * {@code confirmedAt}, {@code waitedMs} and {@code snapshot} of {@code StepParams}), for readers of the events' facts.
 * The steps report them as components of their facts records:
 * {@link io.handoff.common.step.CutoverFacts.SecurityGroups} (READ_ONLY and WRITABLE under security-group-swap) and
 * {@link io.handoff.common.step.CutoverFacts.Snapshot} (SNAPSHOT of an Aurora cluster).
 */
public final class RdsFacts {
    /** The RDS DB cluster identifier the step acted on. */
    public static final String RDS_CLUSTER = "rdsCluster";
    /** The cluster's VPC security groups once the step is done. */
    public static final String SECURITY_GROUPS = "securityGroups";
    /** The cluster's VPC security groups (active or being added) when the step found it. */
    public static final String PREVIOUS_SECURITY_GROUPS = "previousSecurityGroups";
    /**
     * When the API showed the security groups in effect (ISO-8601 instant). Under security-group-swap a
     * READ_ONLY's {@code confirmedAt} is later: the sessions opened before the swap were killed first.
     */
    public static final String SECURITY_GROUPS_CONFIRMED_AT = "securityGroupsConfirmedAt";
    /** The ARN of the cluster snapshot; {@code snapshot} holds its identifier. */
    public static final String SNAPSHOT_ARN = "snapshotArn";

    private RdsFacts() {
    }
}
