package io.handoff.route53emu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestXmlReaderTest {

    private static byte[] xml(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsChangeBatchWithPlainWeightedAliasAndTxtRecordSets() {
        RequestXmlReader.ChangeBatchInput in = RequestXmlReader.readChangeBatch(xml("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                  <ChangeBatch>
                    <Comment>flip</Comment>
                    <Changes>
                      <Change><Action>UPSERT</Action><ResourceRecordSet>
                        <Name>DB.Internal.Example</Name><Type>A</Type><TTL>60</TTL>
                        <ResourceRecords>
                          <ResourceRecord><Value>10.0.0.1</Value></ResourceRecord>
                          <ResourceRecord><Value>10.0.0.2</Value></ResourceRecord>
                        </ResourceRecords>
                      </ResourceRecordSet></Change>
                      <Change><Action>CREATE</Action><ResourceRecordSet>
                        <Name>w.internal.example.</Name><Type>CNAME</Type><SetIdentifier>blue</SetIdentifier>
                        <Weight>10</Weight><TTL>5</TTL>
                        <ResourceRecords><ResourceRecord><Value>a.example.</Value></ResourceRecord></ResourceRecords>
                      </ResourceRecordSet></Change>
                      <Change><Action>DELETE</Action><ResourceRecordSet>
                        <Name>alias.internal.example.</Name><Type>A</Type>
                        <AliasTarget><HostedZoneId>Z35SXDOTRQ7X7K</HostedZoneId>
                          <DNSName>LB.us-east-1.elb.amazonaws.com</DNSName>
                          <EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget>
                      </ResourceRecordSet></Change>
                      <Change><Action>UPSERT</Action><ResourceRecordSet>
                        <Name>txt.internal.example.</Name><Type>TXT</Type><TTL>300</TTL>
                        <ResourceRecords><ResourceRecord><Value>"v=spf1 -all"</Value></ResourceRecord></ResourceRecords>
                      </ResourceRecordSet></Change>
                    </Changes>
                  </ChangeBatch>
                </ChangeResourceRecordSetsRequest>
                """));

        assertThat(in.comment()).isEqualTo("flip");
        assertThat(in.changes()).extracting(Change::action)
                .containsExactly(ChangeAction.UPSERT, ChangeAction.CREATE, ChangeAction.DELETE, ChangeAction.UPSERT);
        assertThat(in.changes().get(0).recordSet()).isEqualTo(
                RecordSet.simple("db.internal.example.", "A", 60, List.of("10.0.0.1", "10.0.0.2")));
        assertThat(in.changes().get(1).recordSet()).isEqualTo(new RecordSet("w.internal.example.", "CNAME", "blue",
                10L, 5L, List.of("a.example."), null));
        assertThat(in.changes().get(2).recordSet()).isEqualTo(new RecordSet("alias.internal.example.", "A", null,
                null, null, List.of(), new AliasTarget("Z35SXDOTRQ7X7K", "lb.us-east-1.elb.amazonaws.com.", true)));
        assertThat(in.changes().get(3).recordSet().values()).containsExactly("\"v=spf1 -all\"");
    }

    @Test
    void readsCreateHostedZone() {
        RequestXmlReader.CreateZoneInput in = RequestXmlReader.readCreateHostedZone(xml("""
                <CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
                  <Name>internal.example</Name><CallerReference>ref-1</CallerReference>
                  <HostedZoneConfig><Comment>c</Comment><PrivateZone>true</PrivateZone></HostedZoneConfig>
                </CreateHostedZoneRequest>"""));

        assertThat(in).isEqualTo(new RequestXmlReader.CreateZoneInput("internal.example", "ref-1", "c", true));
    }

    @Test
    void malformedBodiesAreInvalidInput() {
        assertThatThrownBy(() -> RequestXmlReader.readChangeBatch(xml("<ChangeResourceRecordSetsRequest>")))
                .isInstanceOfSatisfying(Route53Error.class, e -> assertThat(e.code()).isEqualTo("InvalidInput"));
        assertThatThrownBy(() -> RequestXmlReader.readChangeBatch(xml("<Other/>")))
                .isInstanceOfSatisfying(Route53Error.class, e -> assertThat(e.code()).isEqualTo("InvalidInput"));
        assertThatThrownBy(() -> RequestXmlReader.readChangeBatch(new byte[0])).isInstanceOf(Route53Error.class);
        assertThatThrownBy(() -> RequestXmlReader.readChangeBatch(xml("""
                <ChangeResourceRecordSetsRequest><ChangeBatch><Changes><Change><Action>RENAME</Action>
                <ResourceRecordSet><Name>a.</Name><Type>A</Type></ResourceRecordSet></Change></Changes></ChangeBatch>
                </ChangeResourceRecordSetsRequest>""")))
                .isInstanceOfSatisfying(Route53Error.class, e -> assertThat(e.getMessage()).contains("RENAME"));
        assertThatThrownBy(() -> RequestXmlReader.readChangeBatch(xml("""
                <ChangeResourceRecordSetsRequest><ChangeBatch><Changes><Change><Action>UPSERT</Action>
                <ResourceRecordSet><Name>a.</Name><Type>A</Type><TTL>x</TTL></ResourceRecordSet></Change></Changes>
                </ChangeBatch></ChangeResourceRecordSetsRequest>""")))
                .isInstanceOfSatisfying(Route53Error.class, e -> assertThat(e.getMessage()).contains("TTL"));
    }

    @Test
    void refusesDoctypeDeclarations() {
        assertThatThrownBy(() -> RequestXmlReader.readCreateHostedZone(xml("""
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <CreateHostedZoneRequest><Name>&e;</Name><CallerReference>r</CallerReference></CreateHostedZoneRequest>
                """))).isInstanceOfSatisfying(Route53Error.class, e -> assertThat(e.code()).isEqualTo("InvalidInput"));
    }

    @Test
    void refusesUnsupportedRoutingPolicies() {
        assertThatThrownBy(() -> RequestXmlReader.readChangeBatch(xml("""
                <ChangeResourceRecordSetsRequest><ChangeBatch><Changes><Change><Action>UPSERT</Action>
                <ResourceRecordSet><Name>a.</Name><Type>A</Type><SetIdentifier>s</SetIdentifier>
                <Failover>PRIMARY</Failover></ResourceRecordSet></Change></Changes></ChangeBatch>
                </ChangeResourceRecordSetsRequest>""")))
                .isInstanceOfSatisfying(Route53Error.class, e -> assertThat(e.getMessage()).contains("Failover"));
    }
}
