package io.handoff.route53emu;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.awsemu.ErrorResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ResponseXmlWriterTest {

    private static final Instant T0 = Instant.parse("2026-11-25T01:00:00.123Z");

    @Test
    void recordSetsRoundTripThroughTheRequestReader() {
        List<RecordSet> sets = List.of(
                RecordSet.simple("db.example.", "A", 60, List.of("10.0.0.1", "10.0.0.2")),
                new RecordSet("w.example.", "CNAME", "blue", 7L, 5L, List.of("a.example."), null),
                new RecordSet("alias.example.", "A", null, null, null, List.of(),
                        new AliasTarget("Z1", "db.example.", false)),
                RecordSet.simple("txt.example.", "TXT", 300, List.of("\"a <b> & c\"")));

        Element root = XmlDom.parse(ResponseXmlWriter.listResourceRecordSets(
                new ResponseXmlWriter.RecordPage(sets, null, 300)), "ListResourceRecordSetsResponse");

        assertThat(root.getNamespaceURI()).isEqualTo(ResponseXmlWriter.NAMESPACE);
        List<RecordSet> back = XmlDom.children(XmlDom.child(root, "ResourceRecordSets"), "ResourceRecordSet").stream()
                .map(RequestXmlReader::readRecordSet).toList();
        assertThat(back).isEqualTo(sets);
        assertThat(XmlDom.text(root, "IsTruncated")).isEqualTo("false");
        assertThat(XmlDom.child(root, "NextRecordName")).isNull();
        assertThat(XmlDom.text(root, "MaxItems")).isEqualTo("300");
    }

    @Test
    void truncatedListCarriesTheNextRecord() {
        Element root = XmlDom.parse(ResponseXmlWriter.listResourceRecordSets(new ResponseXmlWriter.RecordPage(
                List.of(), new RecordSet.Key("w.example.", "A", "green"), 1)), "ListResourceRecordSetsResponse");

        assertThat(XmlDom.text(root, "IsTruncated")).isEqualTo("true");
        assertThat(XmlDom.text(root, "NextRecordName")).isEqualTo("w.example.");
        assertThat(XmlDom.text(root, "NextRecordType")).isEqualTo("A");
        assertThat(XmlDom.text(root, "NextRecordIdentifier")).isEqualTo("green");
    }

    @Test
    void hostedZoneAndChangeInfoUseRoute53ElementsAndPrefixedIds() {
        HostedZone zone = new HostedZone("ZABC", "example.", "ref", null, false,
                List.of("ns-1.awsdns-01.com", "ns-600.awsdns-02.net"));
        ChangeInfo change = new ChangeInfo("CABC", T0, T0.plusSeconds(1), null);

        Element root = XmlDom.parse(ResponseXmlWriter.createHostedZone(new ResponseXmlWriter.ZoneEntry(zone, 2),
                change, T0), "CreateHostedZoneResponse");

        Element hz = XmlDom.child(root, "HostedZone");
        assertThat(XmlDom.text(hz, "Id")).isEqualTo("/hostedzone/ZABC");
        assertThat(XmlDom.text(hz, "Name")).isEqualTo("example.");
        assertThat(XmlDom.text(hz, "CallerReference")).isEqualTo("ref");
        assertThat(XmlDom.text(XmlDom.child(hz, "Config"), "PrivateZone")).isEqualTo("false");
        assertThat(XmlDom.text(hz, "ResourceRecordSetCount")).isEqualTo("2");
        Element ci = XmlDom.child(root, "ChangeInfo");
        assertThat(XmlDom.text(ci, "Id")).isEqualTo("/change/CABC");
        assertThat(XmlDom.text(ci, "Status")).isEqualTo("PENDING");
        assertThat(XmlDom.text(ci, "SubmittedAt")).isEqualTo("2026-11-25T01:00:00.123Z");
        assertThat(XmlDom.children(XmlDom.child(XmlDom.child(root, "DelegationSet"), "NameServers"), "NameServer"))
                .extracting(Element::getTextContent).containsExactly("ns-1.awsdns-01.com", "ns-600.awsdns-02.net");
    }

    @Test
    void changeInfoTurnsInsyncAtItsDeadline() {
        ChangeInfo change = new ChangeInfo("C1", T0, T0.plusMillis(300), "c");

        assertThat(change.statusAt(T0.plusMillis(299))).isEqualTo("PENDING");
        assertThat(change.statusAt(T0.plusMillis(300))).isEqualTo("INSYNC");
    }

    @Test
    void errorsUseTheErrorResponseDocument() {
        String body = new String(ErrorResponse.write(ResponseXmlWriter.NAMESPACE, Route53Error.invalidChangeBatch(
                List.of("first problem", "second problem")), "req-1"), StandardCharsets.UTF_8);
        Element root = XmlDom.parse(body.getBytes(StandardCharsets.UTF_8), "ErrorResponse");

        Element error = XmlDom.child(root, "Error");
        assertThat(XmlDom.text(error, "Type")).isEqualTo("Sender");
        assertThat(XmlDom.text(error, "Code")).isEqualTo("InvalidChangeBatch");
        assertThat(XmlDom.text(error, "Message")).isEqualTo("[first problem, second problem]");
        assertThat(XmlDom.text(root, "RequestId")).isEqualTo("req-1");
    }
}
