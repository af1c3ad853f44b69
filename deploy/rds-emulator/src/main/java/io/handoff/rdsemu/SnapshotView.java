package io.handoff.rdsemu;

import java.time.Instant;

/**
 * A manual cluster snapshot as the API shows it at one instant.
 *
 * @param identifier        DB cluster snapshot identifier
 * @param clusterIdentifier the cluster it was taken of
 * @param arn               its ARN
 * @param engine            the cluster's engine
 * @param engineVersion     the cluster's engine version
 * @param status            {@code creating}, then {@code available}
 * @param percentProgress   0 while creating, 100 when available
 * @param createdAt         when CreateDBClusterSnapshot was accepted
 * @param clusterCreatedAt  when the cluster was created
 * @param port              the cluster's port
 */
public record SnapshotView(String identifier, String clusterIdentifier, String arn, String engine, String engineVersion,
        String status, int percentProgress, Instant createdAt, Instant clusterCreatedAt, int port) {
}
