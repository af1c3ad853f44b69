package io.handoff.route53emu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Element;

/**
 * Reads the XML request bodies of the emulated operations (Route 53 REST/XML, namespace
 * {@code https://route53.amazonaws.com/doc/2013-04-01/}).
 *
 * <p>Every problem is reported as {@code InvalidInput}. Routing policies other than weighted routing
 * (latency, geolocation, failover, multivalue, health checks, traffic policies, CIDR) are refused as
 * unsupported rather than silently ignored.
 */
final class RequestXmlReader {

    private static final List<String> UNSUPPORTED = List.of("Region", "GeoLocation", "Failover",
            "MultiValueAnswer", "HealthCheckId", "TrafficPolicyInstanceId", "CidrRoutingConfig",
            "GeoProximityLocation");

    private RequestXmlReader() {
    }

    /** The body of {@code CreateHostedZone}. */
    record CreateZoneInput(String name, String callerReference, String comment, boolean privateZone) {
    }

    /** The body of {@code ChangeResourceRecordSets}. */
    record ChangeBatchInput(String comment, List<Change> changes) {
    }

    /** Reads a {@code CreateHostedZoneRequest}. */
    static CreateZoneInput readCreateHostedZone(byte[] body) {
        Element root = XmlDom.parse(body, "CreateHostedZoneRequest");
        String name = XmlDom.requiredText(root, "Name");
        String callerReference = XmlDom.requiredText(root, "CallerReference");
        Element config = XmlDom.child(root, "HostedZoneConfig");
        String comment = config == null ? null : XmlDom.text(config, "Comment");
        boolean privateZone = config != null && Boolean.parseBoolean(XmlDom.text(config, "PrivateZone"));
        return new CreateZoneInput(name, callerReference, comment, privateZone);
    }

    /** Reads a {@code ChangeResourceRecordSetsRequest}. */
    static ChangeBatchInput readChangeBatch(byte[] body) {
        Element root = XmlDom.parse(body, "ChangeResourceRecordSetsRequest");
        Element batch = XmlDom.requiredChild(root, "ChangeBatch");
        Element changesElement = XmlDom.requiredChild(batch, "Changes");
        List<Change> changes = new ArrayList<>();
        for (Element change : XmlDom.children(changesElement, "Change")) {
            changes.add(readChange(change));
        }
        return new ChangeBatchInput(XmlDom.text(batch, "Comment"), changes);
    }

    /** Reads one {@code Change} element. */
    static Change readChange(Element change) {
        String action = XmlDom.requiredText(change, "Action");
        ChangeAction parsed;
        try {
            parsed = ChangeAction.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Route53Error.invalidInput("Invalid request: unknown Action " + action);
        }
        return new Change(parsed, readRecordSet(XmlDom.requiredChild(change, "ResourceRecordSet")));
    }

    /** Reads one {@code ResourceRecordSet} element. */
    static RecordSet readRecordSet(Element rs) {
        for (String unsupported : UNSUPPORTED) {
            if (XmlDom.child(rs, unsupported) != null) {
                throw Route53Error.invalidInput("Invalid request: " + unsupported
                        + " is not supported by the Route 53 emulator");
            }
        }
        String name = XmlDom.requiredText(rs, "Name");
        String type = XmlDom.requiredText(rs, "Type");
        String setIdentifier = XmlDom.text(rs, "SetIdentifier");
        Long weight = number(rs, "Weight");
        Long ttl = number(rs, "TTL");
        List<String> values = new ArrayList<>();
        Element records = XmlDom.child(rs, "ResourceRecords");
        if (records != null) {
            for (Element record : XmlDom.children(records, "ResourceRecord")) {
                values.add(XmlDom.requiredText(record, "Value"));
            }
        }
        AliasTarget alias = null;
        Element aliasElement = XmlDom.child(rs, "AliasTarget");
        if (aliasElement != null) {
            alias = new AliasTarget(XmlDom.requiredText(aliasElement, "HostedZoneId"),
                    XmlDom.requiredText(aliasElement, "DNSName"),
                    Boolean.parseBoolean(XmlDom.text(aliasElement, "EvaluateTargetHealth")));
        }
        try {
            return new RecordSet(name, type, setIdentifier, weight, ttl, values, alias);
        } catch (IllegalArgumentException e) {
            throw Route53Error.invalidInput("Invalid request: " + e.getMessage());
        }
    }

    private static Long number(Element parent, String name) {
        String text = XmlDom.text(parent, name);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw Route53Error.invalidInput("Invalid request: " + name + " is not a number: " + text);
        }
    }
}
