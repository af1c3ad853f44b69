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
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * The operator's DNS before a flip: hosted zones with one A record per application each, pointing at
 * the current master, set up through the unchanged AWS SDK against the emulator.
 */
final class DemoDns implements AutoCloseable {
    /** The VPC private zones are associated with (the emulator records the flag, not the association). */
    private static final String DEMO_VPC = "vpc-0demo";
    private final Route53Client route53;

    DemoDns(URI endpoint) {
        route53 = Route53Client.builder()
                .endpointOverride(endpoint)
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Creates the public zone {@code zone} and returns its id. */
    String createZone(String zone) {
        return createZone(zone, false);
    }

    /**
     * Creates {@code zone}, private (associated with the demo's VPC, as an operator's internal zone is) or
     * public, and returns its id.
     */
    String createZone(String zone, boolean privateZone) {
        return route53.createHostedZone(b -> {
            b.name(zone).callerReference(UUID.randomUUID().toString());
            if (privateZone) {
                b.hostedZoneConfig(c -> c.privateZone(true).comment("the applications' internal zone"))
                        .vpc(v -> v.vpcId(DEMO_VPC).vpcRegion(VPCRegion.US_EAST_1));
            }
        }).hostedZone().id();
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
