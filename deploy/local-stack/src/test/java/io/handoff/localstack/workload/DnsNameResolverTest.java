package io.handoff.localstack.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

class DnsNameResolverTest {
    private static final Instant NOW = Instant.parse("2026-11-25T01:00:00Z");
    private static final String DB = "db.storefront.internal.example.";
    private static final String ONPREM = "onprem-db1.dc.example.";
    private static final String AURORA = "aurora-main.cluster-abc.us-east-1.rds.amazonaws.com.";

    private final FakeDns dns = new FakeDns();
    private final DnsNameResolver resolver = new DnsNameResolver(dns, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void answersTheARecordWithItsTtl() throws Exception {
        dns.answer(DB, a(DB, 5, "127.0.0.2"));

        ResolvedAddress resolved = resolver.resolve(DB);

        assertThat(resolved.server()).isEqualTo("127.0.0.2");
        assertThat(resolved.ttl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(resolved.expiresAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void followsACnameChainInsideOneAnswerAndKeepsTheSmallestTtl() throws Exception {
        dns.answer(DB, cname(DB, 5, ONPREM), cname(ONPREM, 60, AURORA), a(AURORA, 30, "127.0.0.3"));

        ResolvedAddress resolved = resolver.resolve("db.storefront.internal.example"); // relative = absolute

        assertThat(resolved.server()).isEqualTo("127.0.0.3");
        assertThat(resolved.ttl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(dns.queries).containsExactly(DB);
    }

    @Test
    void asksAgainForTheTargetWhenAnAnswerEndsInACname() throws Exception {
        dns.answer(DB, cname(DB, 10, AURORA));
        dns.answer(AURORA, a(AURORA, 1, "127.0.0.3"));

        ResolvedAddress resolved = resolver.resolve(DB);

        assertThat(resolved.server()).isEqualTo("127.0.0.3");
        assertThat(resolved.ttl()).isEqualTo(Duration.ofSeconds(1));
        assertThat(dns.queries).containsExactly(DB, AURORA);
    }

    @Test
    void failsOnNxdomainAndOnAnswersWithoutAddress() {
        assertThatThrownBy(() -> resolver.resolve(DB))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("NXDOMAIN");

        dns.answer(DB);
        assertThatThrownBy(() -> resolver.resolve(DB))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("no A record");
    }

    @Test
    void givesUpOnACnameLoop() {
        dns.answer(DB, cname(DB, 5, ONPREM), cname(ONPREM, 5, DB));

        assertThatThrownBy(() -> resolver.resolve(DB))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("CNAME chain");
    }

    private static Record a(String name, long ttl, String address) {
        try {
            return new ARecord(Name.fromString(name), DClass.IN, ttl, InetAddress.getByName(address));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Record cname(String name, long ttl, String target) {
        try {
            return new CNAMERecord(Name.fromString(name), DClass.IN, ttl, Name.fromString(target));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Answers A queries from a table; names not in it get NXDOMAIN. */
    private static final class FakeDns implements Resolver {
        private final Map<String, List<Record>> answers = new HashMap<>();
        final List<String> queries = new ArrayList<>();

        void answer(String name, Record... records) {
            answers.put(name, List.of(records));
        }

        @Override
        public Message send(Message query) {
            String name = query.getQuestion().getName().toString();
            queries.add(name);
            Message response = new Message(query.getHeader().getID());
            response.addRecord(query.getQuestion(), Section.QUESTION);
            List<Record> records = answers.get(name);
            if (records == null) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            } else {
                records.forEach(r -> response.addRecord(r, Section.ANSWER));
            }
            return response;
        }

        @Override
        public void setPort(int port) {
        }

        @Override
        public void setTCP(boolean flag) {
        }

        @Override
        public void setIgnoreTruncation(boolean flag) {
        }

        @Override
        public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        }

        @Override
        public void setTSIGKey(TSIG key) {
        }

        @Override
        public void setTimeout(Duration timeout) {
        }
    }
}
