package io.handoff.route53emu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.HostedZoneNotEmptyException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/** Drives the emulator with the unchanged AWS SDK v2 Route 53 client and checks the DNS answers. */
class Route53EmulatorIT {

    private static final String ZONE = "internal.example.";
    private static final String DB = "db.storefront.internal.example.";
    private static final String AURORA = "aurora-main.cluster-abc.us-east-1.rds.amazonaws.com.";

    private Route53Emulator emulator;
    private Route53Client route53;

    @BeforeEach
    void start() {
        emulator = Route53Emulator.start(Route53EmulatorConfig.builder()
                .insyncDelay(Duration.ofMillis(300))
                .build());
        route53 = client(c -> { });
    }

    @AfterEach
    void stop() {
        route53.close();
        emulator.close();
    }

    @Test
    void upsertedCnameIsPendingThenInsyncListedAndResolvable() throws Exception {
        String zoneId = createZone(ZONE);

        long beforeSubmit = System.nanoTime();
        ChangeResourceRecordSetsResponse upsert = change(zoneId, ChangeAction.UPSERT, cname(DB, 5, AURORA));
        String changeId = upsert.changeInfo().id();

        assertThat(upsert.changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
        assertThat(upsert.changeInfo().submittedAt()).isNotNull();
        assertThat(changeId).doesNotStartWith("/change/").startsWith("C");
        ChangeStatus first = route53.getChange(b -> b.id(changeId)).changeInfo().status();
        if (Duration.ofNanos(System.nanoTime() - beforeSubmit).compareTo(Duration.ofMillis(300)) < 0) {
            assertThat(first).isEqualTo(ChangeStatus.PENDING); // strict whenever answered inside the window
        }
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> route53.getChange(b -> b.id(changeId)).changeInfo().status() == ChangeStatus.INSYNC);
        assertThat(Duration.ofNanos(System.nanoTime() - beforeSubmit)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        assertThat(records(zoneId)).anySatisfy(rs -> {
            assertThat(rs.name()).isEqualTo(DB);
            assertThat(rs.type()).isEqualTo(RRType.CNAME);
            assertThat(rs.ttl()).isEqualTo(5L);
            assertThat(rs.resourceRecords()).extracting(ResourceRecord::value).containsExactly(AURORA);
        });

        for (int type : new int[] {Type.A, Type.CNAME}) {
            Message answer = dns(DB, type);
            assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
            List<Record> records = answer.getSection(Section.ANSWER);
            assertThat(records).hasSize(1);
            assertThat(records.get(0)).isInstanceOf(CNAMERecord.class);
            assertThat(((CNAMERecord) records.get(0)).getTarget().toString()).isEqualTo(AURORA);
            assertThat(records.get(0).getTTL()).isEqualTo(5L);
        }
    }

    @Test
    void createHostedZoneReturnsRoute53ShapeWithSoaAndNsRecords() {
        CreateHostedZoneResponse created = route53.createHostedZone(b -> b.name("Shop.Example")
                .callerReference("ref-1").hostedZoneConfig(c -> c.comment("test zone")));

        HostedZone zone = created.hostedZone();
        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(created.location()).endsWith("/2013-04-01/hostedzone/" + zone.id());
        assertThat(zone.id()).startsWith("Z");
        assertThat(zone.name()).isEqualTo("shop.example.");
        assertThat(zone.callerReference()).isEqualTo("ref-1");
        assertThat(zone.config().comment()).isEqualTo("test zone");
        assertThat(zone.config().privateZone()).isFalse();
        assertThat(zone.resourceRecordSetCount()).isEqualTo(2L);
        assertThat(created.changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
        assertThat(created.delegationSet().nameServers()).hasSize(4);
        assertThat(records(zone.id())).extracting(ResourceRecordSet::typeAsString).containsExactly("NS", "SOA");
        assertThat(route53.getHostedZone(b -> b.id(zone.id())).hostedZone()).isEqualTo(zone);
        assertThat(route53.listHostedZones().hostedZones()).extracting(HostedZone::id).containsExactly(zone.id());

        assertThatThrownBy(() -> route53.createHostedZone(b -> b.name("other.example").callerReference("ref-1")))
                .isInstanceOf(HostedZoneAlreadyExistsException.class);
    }

    @Test
    void deleteHostedZoneNeedsAnEmptyZone() {
        String zoneId = createZone(ZONE);
        change(zoneId, ChangeAction.UPSERT, cname(DB, 5, AURORA));

        assertThatThrownBy(() -> route53.deleteHostedZone(b -> b.id(zoneId)))
                .isInstanceOf(HostedZoneNotEmptyException.class);
        change(zoneId, ChangeAction.DELETE, cname(DB, 5, AURORA));
        assertThat(route53.deleteHostedZone(b -> b.id(zoneId)).changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
        assertThatThrownBy(() -> route53.getHostedZone(b -> b.id(zoneId))).isInstanceOf(NoSuchHostedZoneException.class);
        assertThat(dns(DB, Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void deleteOfAbsentRecordFailsWithInvalidChangeBatchAndChangesNothing() {
        String zoneId = createZone(ZONE);
        change(zoneId, ChangeAction.UPSERT, cname(DB, 5, AURORA));
        List<ResourceRecordSet> before = records(zoneId);

        assertThatThrownBy(() -> change(zoneId, ChangeAction.DELETE, cname("absent." + ZONE, 5, AURORA)))
                .isInstanceOfSatisfying(InvalidChangeBatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidChangeBatch");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .contains("Tried to delete resource record set [name='absent.internal.example.', "
                                    + "type='CNAME'] but it was not found");
                });
        assertThatThrownBy(() -> change(zoneId, ChangeAction.DELETE, cname(DB, 60, AURORA)))
                .isInstanceOf(InvalidChangeBatchException.class)
                .hasMessageContaining("do not match the current values");
        assertThatThrownBy(() -> change(zoneId, ChangeAction.CREATE, cname(DB, 5, AURORA)))
                .isInstanceOf(InvalidChangeBatchException.class)
                .hasMessageContaining("but it already exists");

        assertThat(records(zoneId)).isEqualTo(before);
    }

    @Test
    void changeBatchIsAllOrNothing() {
        String zoneId = createZone(ZONE);
        List<ResourceRecordSet> before = records(zoneId);

        assertThatThrownBy(() -> route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb
                .changes(Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(cname(DB, 5, AURORA)).build(),
                        Change.builder().action(ChangeAction.DELETE)
                                .resourceRecordSet(a("absent." + ZONE, 60, "10.0.0.1")).build()))))
                .isInstanceOf(InvalidChangeBatchException.class)
                .hasMessageContaining("but it was not found");

        assertThat(records(zoneId)).isEqualTo(before);
        assertThat(dns(DB, Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void deleteAndCreateInOneBatchSwapsTheRecord() {
        String zoneId = createZone(ZONE);
        change(zoneId, ChangeAction.CREATE, cname(DB, 5, "onprem-db1.dc.example."));

        route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.changes(
                Change.builder().action(ChangeAction.DELETE)
                        .resourceRecordSet(cname(DB, 5, "onprem-db1.dc.example.")).build(),
                Change.builder().action(ChangeAction.CREATE).resourceRecordSet(cname(DB, 5, AURORA)).build())));

        assertThat(((CNAMERecord) dns(DB, Type.CNAME).getSection(Section.ANSWER).get(0)).getTarget().toString())
                .isEqualTo(AURORA);
    }

    @Test
    void throttledCallsAreRetriedBySdk() {
        String zoneId = createZone(ZONE);
        emulator.resetCounters();
        emulator.throttleNextCalls(2);

        assertThat(route53.getHostedZone(b -> b.id(zoneId)).hostedZone().name()).isEqualTo(ZONE);

        assertThat(emulator.throttledCalls()).isEqualTo(2);
        assertThat(emulator.callsServed()).isEqualTo(3);
        assertThat(emulator.callsByOperation()).containsEntry("GetHostedZone", 3L);
    }

    @Test
    void throttlingReachesCallerWhenRetriesAreDisabled() {
        String zoneId = createZone(ZONE);
        try (Route53Client noRetry = client(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))) {
            emulator.throttleNextCalls(1);

            assertThatThrownBy(() -> noRetry.getHostedZone(b -> b.id(zoneId)))
                    .isInstanceOfSatisfying(Route53Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                        assertThat(e.isThrottlingException()).isTrue();
                    });
            assertThat(emulator.throttledCalls()).isEqualTo(1);
            assertThat(noRetry.getHostedZone(b -> b.id(zoneId)).hostedZone().id()).isEqualTo(zoneId);
        }
    }

    @Test
    void injectedFailuresUseTheirCodeAndStatus() {
        try (Route53Client noRetry = client(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))) {
            emulator.failNextCalls(1, "NoSuchHostedZone");

            assertThatThrownBy(noRetry::listHostedZones).isInstanceOf(NoSuchHostedZoneException.class);
            assertThat(emulator.failedCalls()).isEqualTo(1);
            assertThat(noRetry.listHostedZones().hostedZones()).isEmpty();
        }
    }

    @Test
    void unknownIdsAreNoSuchHostedZoneAndNoSuchChange() {
        assertThatThrownBy(() -> route53.getHostedZone(b -> b.id("ZNOTTHERE")))
                .isInstanceOfSatisfying(NoSuchHostedZoneException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> route53.getHostedZone(b -> b.id("/hostedzone/ZNOTTHERE")))
                .isInstanceOf(NoSuchHostedZoneException.class);
        assertThatThrownBy(() -> change("ZNOTTHERE", ChangeAction.UPSERT, cname(DB, 5, AURORA)))
                .isInstanceOf(NoSuchHostedZoneException.class);
        assertThatThrownBy(() -> route53.getChange(b -> b.id("CNOTTHERE")))
                .isInstanceOf(NoSuchChangeException.class);
    }

    @Test
    void malformedChangesAreInvalidInput() {
        String zoneId = createZone(ZONE);
        ResourceRecordSet noTtl = ResourceRecordSet.builder().name(DB).type(RRType.A)
                .resourceRecords(ResourceRecord.builder().value("10.0.0.1").build()).build();

        assertThatThrownBy(() -> change(zoneId, ChangeAction.UPSERT, noTtl))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void listHostedZonesByNameFindsTheZoneInReversedLabelOrder() {
        String zoneId = createZone(ZONE);
        createZone("a.example.");
        createZone("zz.example.");

        ListHostedZonesByNameResponse byName = route53.listHostedZonesByName(b -> b.dnsName("internal.example"));
        assertThat(byName.hostedZones()).extracting(HostedZone::name)
                .containsExactly("internal.example.", "zz.example.");
        // as against real Route 53, the SDK strips the "/hostedzone/" prefix here only for some operations
        assertThat(byName.hostedZones().get(0).id()).isEqualTo("/hostedzone/" + zoneId);
        assertThat(route53.getHostedZone(b -> b.id(byName.hostedZones().get(0).id())).hostedZone().id())
                .isEqualTo(zoneId);
        assertThat(byName.dnsName()).isEqualTo(ZONE);

        ListHostedZonesByNameResponse page = route53.listHostedZonesByName(b -> b.maxItems("1"));
        assertThat(page.hostedZones()).extracting(HostedZone::name).containsExactly("a.example.");
        assertThat(page.isTruncated()).isTrue();
        assertThat(page.nextDNSName()).isEqualTo(ZONE);
        assertThat(page.nextHostedZoneId()).isEqualTo(zoneId);
    }

    @Test
    void weightedRecordsWithTwoSetIdentifiersAreBothListedAndDnsHonoursWeights() {
        String zoneId = createZone(ZONE);
        route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.changes(
                Change.builder().action(ChangeAction.CREATE).resourceRecordSet(weighted("blue", 100, "10.0.0.1"))
                        .build(),
                Change.builder().action(ChangeAction.CREATE).resourceRecordSet(weighted("green", 0, "10.0.0.2"))
                        .build())));

        List<ResourceRecordSet> weighted = records(zoneId).stream().filter(rs -> rs.name().equals(DB)).toList();
        assertThat(weighted).extracting(ResourceRecordSet::setIdentifier).containsExactly("blue", "green");
        assertThat(weighted).extracting(ResourceRecordSet::weight).containsExactly(100L, 0L);

        for (int i = 0; i < 10; i++) {
            assertThat(addresses(dns(DB, Type.A))).containsExactly("10.0.0.1");
        }

        change(zoneId, ChangeAction.DELETE, weighted("blue", 100, "10.0.0.1"));
        assertThat(addresses(dns(DB, Type.A))).containsExactly("10.0.0.2");
    }

    @Test
    void aRecordWithSeveralValuesResolvesToAllOfThem() {
        String zoneId = createZone(ZONE);
        change(zoneId, ChangeAction.UPSERT, a(DB, 60, "10.0.0.1", "10.0.0.2", "10.0.0.3"));

        Message answer = dns(DB, Type.A);

        assertThat(addresses(answer)).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(answer.getSection(Section.ANSWER)).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(60L));
    }

    @Test
    void cnameToARecordInZoneIsChasedAndAliasAnswersWithTargetRecords() {
        String zoneId = createZone(ZONE);
        change(zoneId, ChangeAction.UPSERT, a("primary." + ZONE, 30, "10.1.0.1"));
        change(zoneId, ChangeAction.UPSERT, cname(DB, 5, "primary." + ZONE));
        change(zoneId, ChangeAction.UPSERT, ResourceRecordSet.builder().name("alias." + ZONE).type(RRType.A)
                .aliasTarget(AliasTarget.builder().hostedZoneId(zoneId).dnsName("primary." + ZONE)
                        .evaluateTargetHealth(false).build()).build());
        change(zoneId, ChangeAction.UPSERT, ResourceRecordSet.builder().name("elb." + ZONE).type(RRType.A)
                .aliasTarget(AliasTarget.builder().hostedZoneId("Z35SXDOTRQ7X7K")
                        .dnsName("my-lb-123.us-east-1.elb.amazonaws.com").evaluateTargetHealth(false).build())
                .build());

        List<Record> chased = dns(DB, Type.A).getSection(Section.ANSWER);
        assertThat(chased).hasSize(2);
        assertThat(chased.get(0)).isInstanceOf(CNAMERecord.class);
        assertThat(((ARecord) chased.get(1)).getAddress().getHostAddress()).isEqualTo("10.1.0.1");

        List<Record> alias = dns("alias." + ZONE, Type.A).getSection(Section.ANSWER);
        assertThat(alias).hasSize(1);
        assertThat(alias.get(0).getName().toString()).isEqualTo("alias." + ZONE);
        assertThat(((ARecord) alias.get(0)).getAddress().getHostAddress()).isEqualTo("10.1.0.1");
        assertThat(alias.get(0).getTTL()).isEqualTo(30L);

        Message external = dns("elb." + ZONE, Type.A);
        assertThat(external.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(external.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void dnsAnswersNxdomainInsideZonesAndRefusedOutside() {
        createZone(ZONE);

        assertThat(dns("nothing." + ZONE, Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(dns("example.com.", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(dns(ZONE, Type.SOA).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void listResourceRecordSetsPagesInRoute53Order() {
        String zoneId = createZone(ZONE);
        change(zoneId, ChangeAction.UPSERT, a("b." + ZONE, 60, "10.0.0.2"));
        change(zoneId, ChangeAction.UPSERT, a("a." + ZONE, 60, "10.0.0.1"));
        change(zoneId, ChangeAction.UPSERT, a("x.a." + ZONE, 60, "10.0.0.3"));

        var first = route53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).maxItems("2"));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.nextRecordName()).isEqualTo("a." + ZONE);
        assertThat(first.nextRecordType()).isEqualTo(RRType.A);

        List<String> all = new ArrayList<>();
        route53.listResourceRecordSetsPaginator(b -> b.hostedZoneId(zoneId).maxItems("2")).resourceRecordSets()
                .forEach(rs -> all.add(rs.name() + " " + rs.typeAsString()));
        assertThat(all).containsExactly(ZONE + " NS", ZONE + " SOA", "a." + ZONE + " A", "x.a." + ZONE + " A",
                "b." + ZONE + " A");

        var fromB = route53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).startRecordName("b." + ZONE)
                .startRecordType(RRType.A));
        assertThat(fromB.resourceRecordSets()).extracting(ResourceRecordSet::name).containsExactly("b." + ZONE);
        assertThat(fromB.isTruncated()).isFalse();
    }

    // ---- helpers ----

    private Route53Client client(Consumer<ClientOverrideConfiguration.Builder> override) {
        return Route53Client.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(override)
                .build();
    }

    private String createZone(String name) {
        return route53.createHostedZone(b -> b.name(name).callerReference(UUID.randomUUID().toString()))
                .hostedZone().id();
    }

    private ChangeResourceRecordSetsResponse change(String zoneId, ChangeAction action, ResourceRecordSet rs) {
        return route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId)
                .changeBatch(cb -> cb.changes(Change.builder().action(action).resourceRecordSet(rs).build())));
    }

    private List<ResourceRecordSet> records(String zoneId) {
        return route53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)).resourceRecordSets();
    }

    private static ResourceRecordSet cname(String name, long ttl, String target) {
        return ResourceRecordSet.builder().name(name).type(RRType.CNAME).ttl(ttl)
                .resourceRecords(ResourceRecord.builder().value(target).build()).build();
    }

    private static ResourceRecordSet a(String name, long ttl, String... addresses) {
        return ResourceRecordSet.builder().name(name).type(RRType.A).ttl(ttl)
                .resourceRecords(java.util.Arrays.stream(addresses)
                        .map(v -> ResourceRecord.builder().value(v).build()).toList())
                .build();
    }

    private static ResourceRecordSet weighted(String setIdentifier, long weight, String address) {
        return a(DB, 60, address).toBuilder().setIdentifier(setIdentifier).weight(weight).build();
    }

    private Message dns(String name, int type) {
        try {
            SimpleResolver resolver = new SimpleResolver(emulator.dnsAddress());
            resolver.setTCP(false);
            resolver.setIgnoreTruncation(true);
            resolver.setTimeout(Duration.ofSeconds(2));
            return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
        } catch (IOException e) {
            throw new AssertionError("DNS query failed: " + name, e);
        }
    }

    private static List<String> addresses(Message answer) {
        return answer.getSection(Section.ANSWER).stream()
                .filter(r -> r instanceof ARecord)
                .map(r -> ((ARecord) r).getAddress().getHostAddress())
                .toList();
    }
}
