package io.handoff.rdsemu;

import java.util.Objects;

/**
 * A VPC security group the emulator knows, reduced to what it decides: whether its rules admit the
 * applications' network to a cluster's endpoint.
 *
 * @param id                 group id, e.g. {@code sg-0apps}
 * @param admitsApplications {@code true} for a group whose inbound rules let applications in; {@code false}
 *                           for a restricted group that admits only the administrators' network
 */
public record SecurityGroup(String id, boolean admitsApplications) {
    public SecurityGroup {
        Objects.requireNonNull(id, "id");
    }
}
