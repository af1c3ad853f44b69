package io.handoff.demo;

import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
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
        changeA(zoneId, name, address, ttl);
    }

    /** The id of the hosted zone named {@code zone}. */
    String zoneId(String zone) {
        return route53.listHostedZonesByName(b -> b.dnsName(zone).maxItems("1")).hostedZones().stream()
                .filter(hosted -> hosted.name().equals(zone)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no hosted zone " + zone)).id();
    }

    /** Sets an A record and returns the change's id, for {@link #awaitInsync}. */
    String changeA(String zoneId, String name, String address, long ttl) {
        return route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(Change.builder()
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(ResourceRecordSet.builder().name(name).type(RRType.A).ttl(ttl)
                        .resourceRecords(ResourceRecord.builder().value(address).build()).build())
                .build()))).changeInfo().id();
    }

    /** Waits until the change {@code changeId} is INSYNC, asking every 20 ms, at most {@code timeout}. */
    void awaitInsync(String changeId, java.time.Duration timeout) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(timeout);
        while (route53.getChange(b -> b.id(changeId)).changeInfo().status() != ChangeStatus.INSYNC) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("change " + changeId + " not INSYNC within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        route53.close();
    }
}
