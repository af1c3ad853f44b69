package io.handoff.route53emu;

import java.util.List;

/**
 * An emulated hosted zone (its identity and configuration; the records live in the {@link ZoneStore}).
 *
 * @param id               bare id, e.g. {@code Z0ABC...} (the API reports it as {@code /hostedzone/Z0ABC...})
 * @param name             normalized zone name with trailing dot
 * @param callerReference  the caller reference given at creation; unique across zones
 * @param comment          optional comment from {@code HostedZoneConfig}, may be null
 * @param privateZone      the {@code PrivateZone} flag as given (VPC association is not emulated)
 * @param nameServers      the delegation set, fully qualified names without trailing dot
 */
public record HostedZone(String id, String name, String callerReference, String comment, boolean privateZone,
                         List<String> nameServers) {

    public HostedZone {
        nameServers = List.copyOf(nameServers);
    }
}
