package io.handoff.dns.route53;

import io.handoff.dns.config.Route53Config;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Checks what a DNS server answers for switched records: the last confirmation of a switch, after
 * INSYNC. The server is {@code handoff.route53.dns-server} ({@code host:port}); without it the check is
 * off ({@link #enabled()} is {@code false}) and a switch is confirmed by INSYNC and a read-back alone,
 * which is the setting against real AWS unless a resolver that asks the zones' name servers is given.
 *
 * <p>Only plain (non-alias) records of simple routing are checked: an alias answers its target's
 * records and a weighted name answers one of its sets per query, neither of which one query can
 * confirm. Asks over UDP, one query per record per round, on the calling thread.
 */
@ApplicationScoped
public class DnsAnswers {
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final Optional<InetSocketAddress> server;
    private final Clock clock = Clock.systemUTC();

    public DnsAnswers(Route53Config config) {
        this.server = config.dnsServer().filter(s -> !s.isBlank()).map(DnsAnswers::address);
    }

    /** {@code true} when a DNS server is configured and answers are checked. */
    public boolean enabled() {
        return server.isPresent();
    }

    /**
     * Asks until the server answers every checkable record of {@code specs} with its value (a record that
     * must be absent: with no record of its type), or {@code deadline} passes. Returns the records still
     * answered otherwise, each as a sentence; empty when all answer right or the check is off.
     */
    public List<String> awaitAnswers(List<RecordSpec> specs, Instant deadline) {
        List<RecordSpec> checked = specs.stream()
                .filter(s -> s.setIdentifier() == null && (s.absent() || !s.value().isAlias()))
                .toList();
        if (server.isEmpty() || checked.isEmpty()) {
            return List.of();
        }
        while (true) {
            List<String> wrong = new ArrayList<>();
            for (RecordSpec spec : checked) {
                Optional<RecordValue> answer = query(spec.name(), spec.type());
                boolean right = spec.absent() ? answer.isEmpty()
                        : answer.map(a -> spec.value().sameAs(spec.type(), a)).orElse(false);
                if (!right) {
                    wrong.add(spec.key() + " is answered " + answer.map(RecordValue::describe).orElse("with nothing")
                            + " instead of " + (spec.absent() ? "nothing" : spec.value().describe()));
                }
            }
            if (wrong.isEmpty() || !clock.instant().plus(POLL_INTERVAL).isBefore(deadline)) {
                return wrong;
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return wrong;
            }
        }
    }

    /** Asks the server once for a name nobody owns, so the first real check does not pay for class loading. */
    public void warmUp() {
        if (enabled()) {
            query("warm-up.handoff.invalid.", "A");
        }
    }

    /** The answer of {@link #server} for {@code name}/{@code type}: its records of that type, if any. */
    private Optional<RecordValue> query(String name, String type) {
        int rrType = Type.value(type);
        try {
            SimpleResolver resolver = new SimpleResolver(server.orElseThrow());
            resolver.setTCP(false);
            resolver.setTimeout(QUERY_TIMEOUT);
            Name owner = Name.fromString(name);
            Message response = resolver.send(Message.newQuery(Record.newRecord(owner, rrType, DClass.IN)));
            if (response.getRcode() != Rcode.NOERROR && response.getRcode() != Rcode.NXDOMAIN) {
                return Optional.of(RecordValue.of("(" + Rcode.string(response.getRcode()) + ")"));
            }
            List<String> values = response.getSection(Section.ANSWER).stream()
                    .filter(r -> r.getType() == rrType && r.getName().equals(owner))
                    .map(Record::rdataToString)
                    .toList();
            return values.isEmpty() ? Optional.empty() : Optional.of(new RecordValue(values, null));
        } catch (IOException e) {
            return Optional.of(RecordValue.of("(no answer: " + e.getMessage() + ")"));
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            return new InetSocketAddress(hostPort.trim(), 53);
        }
        return new InetSocketAddress(hostPort.substring(0, colon).trim(), Integer.parseInt(hostPort.substring(colon + 1).trim()));
    }
}
