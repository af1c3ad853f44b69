package io.handoff.route53emu;

import java.util.Objects;

/**
 * Route 53 alias target of a record set.
 *
 * @param hostedZoneId          the hosted zone id of the target, as given by the caller (not validated)
 * @param dnsName               the target name, normalized (lower case, trailing dot)
 * @param evaluateTargetHealth  stored and reported back; health is not evaluated by the emulator
 */
public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {

    public AliasTarget {
        Objects.requireNonNull(hostedZoneId, "hostedZoneId");
        dnsName = DnsNames.normalize(dnsName);
    }
}
