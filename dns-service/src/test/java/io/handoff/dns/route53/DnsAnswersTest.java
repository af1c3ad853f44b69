package io.handoff.dns.route53;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.handoff.dns.config.Route53Config;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The DNS check against the emulator's DNS server, as configured by the local stack. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.WITH_CLUSTERS, value = "false"))
class DnsAnswersTest {
    @Inject
    DnsAnswers dnsAnswers;
    @ConfigProperty(name = "handoff.route53.dns-server")
    String dnsServer;

    @Test
    void withoutADnsServerConfiguredTheCheckIsOffAndConfirmsNothing() {
        Route53Config noServer = (Route53Config) Proxy.newProxyInstance(Route53Config.class.getClassLoader(),
                new Class<?>[] {Route53Config.class}, (proxy, method, args) -> Optional.empty());
        DnsAnswers off = new DnsAnswers(noServer);

        assertThat(off.enabled()).isFalse();
        assertThat(off.awaitAnswers(List.of(RecordSpec.simple("db.example.", "A", 60, "10.0.0.1")), Instant.now()))
                .isEmpty();
    }

    @Test
    void recordsAnsweredWithTheirValueAreConfirmedAndOthersReportedAtTheDeadline() {
        try (Route53Fixture route53 = new Route53Fixture(dnsServer)) {
            String zone = "v" + UUID.randomUUID().toString().substring(0, 8) + ".test.";
            String zoneId = route53.createZone(zone);
            route53.put(zoneId, "db." + zone, "A", 60, "10.0.0.1");

            List<String> right = dnsAnswers.awaitAnswers(List.of(RecordSpec.simple("db." + zone, "A", 60, "10.0.0.1"),
                    new RecordSpec("gone." + zone, "A", null, null, null, null)), Instant.now().plusSeconds(5));
            List<String> wrong = dnsAnswers.awaitAnswers(List.of(RecordSpec.simple("db." + zone, "A", 60, "10.0.1.1")),
                    Instant.now().plusMillis(300));

            assertThat(dnsAnswers.enabled()).isTrue();
            assertThat(right).isEmpty();
            assertThat(wrong).singleElement().asString().contains("db." + zone, "answered 10.0.0.1", "instead of 10.0.1.1");
        }
    }
}
