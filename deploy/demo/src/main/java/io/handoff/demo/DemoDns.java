package io.handoff.demo;

import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The operator's DNS before a flip: a hosted zone with one A record per application pointing at the
 * current master, set up through the unchanged AWS SDK against the emulator.
 */
final class DemoDns implements AutoCloseable {
    private final Route53Client route53;

    DemoDns(URI endpoint) {
        route53 = Route53Client.builder()
                .endpointOverride(endpoint)
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Creates {@code zone} and returns its id. */
    String createZone(String zone) {
        return route53.createHostedZone(b -> b.name(zone).callerReference(UUID.randomUUID().toString()))
                .hostedZone().id();
    }

    /** Sets an A record. */
    void upsertA(String zoneId, String name, String address, long ttl) {
        route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(Change.builder()
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(ResourceRecordSet.builder().name(name).type(RRType.A).ttl(ttl)
                        .resourceRecords(ResourceRecord.builder().value(address).build()).build())
                .build())));
    }

    @Override
    public void close() {
        route53.close();
    }
}
