package io.handoff.dns.route53;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;

/**
 * Resolves hosted zones given by name or by id to their ids. Names are looked up with
 * ListHostedZonesByName and cached for the life of the service; a zone that turns out to be gone is
 * {@link #forget forgotten}. Ids are taken as given (Route 53 itself says whether they exist). Look-ups
 * are bounded by the {@link CallDeadline} in force.
 */
@ApplicationScoped
public class HostedZones {
    private static final String HOSTED_ZONE_PREFIX = "/hostedzone/";

    private final Route53Client client;
    private final Map<String, String> idsByName = new ConcurrentHashMap<>();

    public HostedZones(Route53Client client) {
        this.client = client;
    }

    /** {@code true} when {@code zone} is a hosted zone id ({@code Z...} or {@code /hostedzone/Z...}), not a name. */
    public static boolean isZoneId(String zone) {
        return zone.startsWith(HOSTED_ZONE_PREFIX) || !zone.contains(".");
    }

    /**
     * The zone {@code zone} (a name, with or without trailing dot, or an id) designates.
     *
     * @throws Route53Failure {@link Route53Failure.Kind#NO_SUCH_ZONE} when no zone has that name,
     *                        {@link Route53Failure.Kind#REJECTED} when two zones (public and private) share it
     */
    public ZoneRef resolve(String zone) {
        if (isZoneId(zone)) {
            return new ZoneRef(zone, DnsNames.bareId(zone));
        }
        String name = DnsNames.normalize(zone);
        String id = idsByName.get(name);
        if (id == null) {
            id = lookUp(name);
            idsByName.put(name, id);
        }
        return new ZoneRef(name, id);
    }

    /** Drops a cached zone (by name or id), e.g. after Route 53 said it no longer exists. */
    public void forget(String zone) {
        if (isZoneId(zone)) {
            idsByName.values().remove(DnsNames.bareId(zone));
        } else {
            idsByName.remove(DnsNames.normalize(zone));
        }
    }

    private String lookUp(String name) {
        // Zones are listed in name order from the given name on: two entries tell "unique" from "ambiguous".
        List<HostedZone> matches = Route53Failure.translate(() -> client.listHostedZonesByName(b -> b.dnsName(name).maxItems("2")
                        .overrideConfiguration(CallDeadline::apply)))
                .hostedZones().stream()
                .filter(z -> DnsNames.normalize(z.name()).equals(name))
                .toList();
        if (matches.isEmpty()) {
            throw new Route53Failure(Route53Failure.Kind.NO_SUCH_ZONE, "no hosted zone named " + name, null);
        }
        if (matches.size() > 1) {
            throw new Route53Failure(Route53Failure.Kind.REJECTED, "two hosted zones are named " + name + " ("
                    + DnsNames.bareId(matches.get(0).id()) + ", " + DnsNames.bareId(matches.get(1).id())
                    + "): give the zone id instead", null);
        }
        return DnsNames.bareId(matches.get(0).id());
    }
}
