package io.handoff.cutover.rds;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * A registered cluster as the RDS API knows it.
 *
 * @param name            registry name (what plans say)
 * @param clusterId       DB cluster identifier
 * @param region          its region
 * @param normalGroups    the security groups it has while applications may connect
 * @param restrictedGroup the group that admits only administrators
 * @param client          the client for its region
 */
public record RdsTarget(String name, String clusterId, String region, List<String> normalGroups, String restrictedGroup,
        RdsClient client) {

    public RdsTarget {
        normalGroups = List.copyOf(normalGroups);
    }

    /** How failures and facts name it: {@code target (RDS cluster aurora-main, us-east-1)}. */
    public String describe() {
        return name + " (RDS cluster " + clusterId + ", " + region + ")";
    }

    Set<String> normalSet() {
        return Set.copyOf(normalGroups);
    }
}
