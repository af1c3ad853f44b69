package io.handoff.rdsemu;

import java.time.Instant;
import java.util.List;

/**
 * A cluster as the API shows it at one instant.
 *
 * @param identifier    DB cluster identifier
 * @param arn           its ARN
 * @param resourceId    its resource id ({@code cluster-...})
 * @param engine        engine name
 * @param engineVersion engine version
 * @param status        {@code available}, or {@code modifying} while a change settles
 * @param groups        its security groups with their membership status
 * @param endpointHost  host of the application endpoint
 * @param endpointPort  port of the application endpoint
 * @param createdAt     when the emulator created it
 */
public record ClusterView(String identifier, String arn, String resourceId, String engine, String engineVersion,
        String status, List<GroupMembership> groups, String endpointHost, int endpointPort, Instant createdAt) {

    public ClusterView {
        groups = List.copyOf(groups);
    }

    /** The ids of the groups that are attached and in effect. */
    public List<String> activeGroupIds() {
        return groups.stream().filter(g -> g.status().equals("active")).map(GroupMembership::groupId).toList();
    }
}
