package io.handoff.route53emu;

import io.handoff.awsemu.XmlOut;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes the XML response bodies of the emulated operations, with Route 53's element names. Ids are
 * written with their resource prefix ({@code /hostedzone/...}, {@code /change/...}) as Route 53 does;
 * the SDK strips the prefix again.
 *
 * <p>Errors are the kit's {@link io.handoff.awsemu.ErrorResponse} in {@link #NAMESPACE}. Route 53 uses that
 * form for {@code InvalidChangeBatch} too (the SDK maps it to its typed exception by the {@code Code}); the
 * older {@code <InvalidChangeBatch><Messages>} form is no longer sent and the SDK's error parser does not
 * recognize it.
 */
final class ResponseXmlWriter {
    /** Route 53's XML namespace. */
    static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";


    private ResponseXmlWriter() {
    }

    /** A hosted zone with its current record set count, as listed. */
    record ZoneEntry(HostedZone zone, int recordSetCount) {
    }

    /** One page of record sets, with the start of the next page when truncated. */
    record RecordPage(List<RecordSet> recordSets, RecordSet.Key next, int maxItems) {
    }

    static byte[] createHostedZone(ZoneEntry zone, ChangeInfo change, Instant now) {
        XmlOut x = XmlOut.document(NAMESPACE, "CreateHostedZoneResponse");
        hostedZone(x, zone);
        changeInfo(x, change, now);
        delegationSet(x, zone.zone());
        return x.finish();
    }

    static byte[] getHostedZone(ZoneEntry zone) {
        XmlOut x = XmlOut.document(NAMESPACE, "GetHostedZoneResponse");
        hostedZone(x, zone);
        delegationSet(x, zone.zone());
        return x.finish();
    }

    static byte[] deleteHostedZone(ChangeInfo change, Instant now) {
        XmlOut x = XmlOut.document(NAMESPACE, "DeleteHostedZoneResponse");
        changeInfo(x, change, now);
        return x.finish();
    }

    static byte[] listHostedZones(List<ZoneEntry> page, String marker, String nextMarker, int maxItems) {
        XmlOut x = XmlOut.document(NAMESPACE, "ListHostedZonesResponse");
        x.start("HostedZones");
        page.forEach(z -> hostedZone(x, z));
        x.end();
        x.leaf("Marker", marker);
        x.leaf("IsTruncated", nextMarker != null);
        x.leaf("NextMarker", nextMarker);
        x.leaf("MaxItems", maxItems);
        return x.finish();
    }

    static byte[] listHostedZonesByName(List<ZoneEntry> page, String dnsName, String hostedZoneId,
                                        ZoneEntry next, int maxItems) {
        XmlOut x = XmlOut.document(NAMESPACE, "ListHostedZonesByNameResponse");
        x.start("HostedZones");
        page.forEach(z -> hostedZone(x, z));
        x.end();
        x.leaf("DNSName", dnsName);
        x.leaf("HostedZoneId", hostedZoneId);
        x.leaf("IsTruncated", next != null);
        if (next != null) {
            x.leaf("NextDNSName", next.zone().name());
            x.leaf("NextHostedZoneId", next.zone().id());
        }
        x.leaf("MaxItems", maxItems);
        return x.finish();
    }

    static byte[] changeResourceRecordSets(ChangeInfo change, Instant now) {
        XmlOut x = XmlOut.document(NAMESPACE, "ChangeResourceRecordSetsResponse");
        changeInfo(x, change, now);
        return x.finish();
    }

    static byte[] getChange(ChangeInfo change, Instant now) {
        XmlOut x = XmlOut.document(NAMESPACE, "GetChangeResponse");
        changeInfo(x, change, now);
        return x.finish();
    }

    static byte[] listResourceRecordSets(RecordPage page) {
        XmlOut x = XmlOut.document(NAMESPACE, "ListResourceRecordSetsResponse");
        x.start("ResourceRecordSets");
        page.recordSets().forEach(rs -> recordSet(x, rs));
        x.end();
        x.leaf("IsTruncated", page.next() != null);
        if (page.next() != null) {
            x.leaf("NextRecordName", page.next().name());
            x.leaf("NextRecordType", page.next().type());
            x.leaf("NextRecordIdentifier", page.next().setIdentifier());
        }
        x.leaf("MaxItems", page.maxItems());
        return x.finish();
    }

    /** Writes one {@code ResourceRecordSet} element. */
    static void recordSet(XmlOut x, RecordSet rs) {
        x.start("ResourceRecordSet")
                .leaf("Name", rs.name())
                .leaf("Type", rs.type())
                .leaf("SetIdentifier", rs.setIdentifier())
                .leaf("Weight", rs.weight())
                .leaf("TTL", rs.ttl());
        if (!rs.values().isEmpty()) {
            x.start("ResourceRecords");
            for (String v : rs.values()) {
                x.start("ResourceRecord").leaf("Value", v).end();
            }
            x.end();
        }
        if (rs.aliasTarget() != null) {
            x.start("AliasTarget")
                    .leaf("HostedZoneId", rs.aliasTarget().hostedZoneId())
                    .leaf("DNSName", rs.aliasTarget().dnsName())
                    .leaf("EvaluateTargetHealth", rs.aliasTarget().evaluateTargetHealth())
                    .end();
        }
        x.end();
    }

    private static void hostedZone(XmlOut x, ZoneEntry entry) {
        HostedZone z = entry.zone();
        x.start("HostedZone")
                .leaf("Id", "/hostedzone/" + z.id())
                .leaf("Name", z.name())
                .leaf("CallerReference", z.callerReference())
                .start("Config")
                .leaf("Comment", z.comment())
                .leaf("PrivateZone", z.privateZone())
                .end()
                .leaf("ResourceRecordSetCount", entry.recordSetCount())
                .end();
    }

    private static void changeInfo(XmlOut x, ChangeInfo c, Instant now) {
        x.start("ChangeInfo")
                .leaf("Id", "/change/" + c.id())
                .leaf("Status", c.statusAt(now))
                .leaf("SubmittedAt", timestamp(c.submittedAt()))
                .leaf("Comment", c.comment())
                .end();
    }

    private static void delegationSet(XmlOut x, HostedZone z) {
        x.start("DelegationSet").start("NameServers");
        z.nameServers().forEach(ns -> x.leaf("NameServer", ns));
        x.end().end();
    }

    /** ISO-8601 UTC with milliseconds, e.g. {@code 2017-03-10T01:36:41.958Z}. */
    static String timestamp(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }
}
