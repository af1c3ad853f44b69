package io.handoff.rdsemu;

/**
 * One security group of a cluster as DescribeDBClusters reports it.
 *
 * @param groupId the VPC security group id
 * @param status  {@code active}, {@code adding} (being attached) or {@code removing} (being detached)
 */
public record GroupMembership(String groupId, String status) {
}
