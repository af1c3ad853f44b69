package io.handoff.dns.route53;

import io.handoff.localstack.SharedLocalStack;
import io.handoff.route53emu.Route53Emulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;

/**
 * The shared local stack's Route 53 emulator, seen from a test: zones created through its direct API,
 * records written with a test-owned SDK client, answers read over UDP DNS, API calls counted.
 */
public final class Route53Fixture implements AutoCloseable {

    /** What the emulator's DNS server answers for one name and type. */
    public record Answer(String value, long ttl) {
    }

    private final Route53Emulator emulator = SharedLocalStack.get().route53();
    private final InetSocketAddress dnsServer;
    private final Route53Client client = Route53Client.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();

    /** @param dnsServer {@code host:port} of the DNS server, as the service is configured with it */
    public Route53Fixture(String dnsServer) {
        int colon = dnsServer.lastIndexOf(':');
        this.dnsServer = new InetSocketAddress(dnsServer.substring(0, colon), Integer.parseInt(dnsServer.substring(colon + 1)));
    }

    public Route53Emulator emulator() {
        return emulator;
    }

    /** Creates a hosted zone and returns its bare id. */
    public String createZone(String name) {
        return emulator.createHostedZone(name).id();
    }

    /** Writes a simple record set (UPSERT). */
    public void put(String zoneId, String name, String type, long ttl, String value) {
        client.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(batch -> batch.changes(c -> c
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(rs -> rs.name(name).type(type).ttl(ttl)
                        .resourceRecords(ResourceRecord.builder().value(value).build())))));
    }

    /** Writes a plain record set with several values (UPSERT). */
    public void putValues(String zoneId, String name, String type, long ttl, List<String> values) {
        client.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(batch -> batch.changes(c -> c
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(rs -> rs.name(name).type(type).ttl(ttl)
                        .resourceRecords(values.stream().map(v -> ResourceRecord.builder().value(v).build()).toList())))));
    }

    /** Writes an alias record set (UPSERT) pointing at {@code target} in zone {@code targetZoneId}. */
    public void putAlias(String zoneId, String name, String type, String targetZoneId, String target) {
        client.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(batch -> batch.changes(c -> c
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(rs -> rs.name(name).type(type)
                        .aliasTarget(a -> a.hostedZoneId(targetZoneId).dnsName(target).evaluateTargetHealth(false))))));
    }

    /** Writes a weighted record set (UPSERT). */
    public void putWeighted(String zoneId, String name, String type, String setIdentifier, long weight, long ttl,
            String value) {
        client.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(batch -> batch.changes(c -> c
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(rs -> rs.name(name).type(type).setIdentifier(setIdentifier).weight(weight).ttl(ttl)
                        .resourceRecords(ResourceRecord.builder().value(value).build())))));
    }

    /** The bare id of the zone named {@code name}. */
    public String zoneId(String name) {
        String wanted = name.endsWith(".") ? name : name + ".";
        return emulator.hostedZones().stream().filter(z -> z.name().equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new AssertionError("no zone " + name)).id();
    }

    /** The record sets named {@code name} of type {@code type} in the zone, as the emulator stores them. */
    public List<io.handoff.route53emu.RecordSet> recordSets(String zoneId, String name, String type) {
        String wanted = name.endsWith(".") ? name : name + ".";
        return emulator.recordSets(zoneId).stream().filter(rs -> rs.name().equals(wanted) && rs.type().equals(type)).toList();
    }

    /** API calls of {@code operation} the emulator answered so far, whatever the outcome. */
    public long calls(String operation) {
        return emulator.callsByOperation().getOrDefault(operation, 0L);
    }

    /** All values of the {@code type} answer for {@code name}, sorted, with the TTL of the first. */
    public Answer queryAll(String name, String type) {
        List<Record> answers = answers(name, type);
        return new Answer(String.join(",", answers.stream().map(Record::rdataToString).sorted().toList()),
                answers.get(0).getTTL());
    }

    /** The first answer of a UDP query for {@code name}/{@code type} (CNAME or A) to the emulator's DNS server. */
    public Answer query(String name, String type) {
        Record answer = answers(name, type).get(0);
        String value = answer instanceof CNAMERecord cname ? cname.getTarget().toString()
                : ((ARecord) answer).getAddress().getHostAddress();
        return new Answer(value, answer.getTTL());
    }

    /** The {@code type} records of a UDP query for {@code name} to the emulator's DNS server; at least one. */
    private List<Record> answers(String name, String type) {
        try {
            SimpleResolver resolver = new SimpleResolver(dnsServer);
            resolver.setTCP(false);
            resolver.setTimeout(Duration.ofSeconds(2));
            int rrType = Type.value(type);
            Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), rrType, DClass.IN)));
            List<Record> answers = response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == rrType).toList();
            if (answers.isEmpty()) {
                throw new AssertionError("no " + type + " answer for " + name + ": " + response);
            }
            return answers;
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
