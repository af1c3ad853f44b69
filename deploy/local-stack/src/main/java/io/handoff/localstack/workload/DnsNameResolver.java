package io.handoff.localstack.workload;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks one DNS server, over UDP and without any cache of its own, for the A record of a name, following a
 * CNAME chain: inside one answer (as an authoritative server answers when it holds the target too) and,
 * when an answer ends in a CNAME, with a new query for its target. The TTL of the result is the smallest
 * along the chain; with several A records the first one answered is taken.
 *
 * <p>Thread-safe (dnsjava's {@link SimpleResolver} is); the workload still gives each writer thread its own.
 */
final class DnsNameResolver implements NameResolver {
    /** CNAME hops followed before giving up, loops included. */
    static final int MAX_CNAME_HOPS = 8;

    private final Resolver resolver;
    private final Clock clock;

    DnsNameResolver(Resolver resolver, Clock clock) {
        this.resolver = resolver;
        this.clock = clock;
    }

    /** A resolver asking {@code server} with the given timeout per query. */
    static DnsNameResolver udp(InetSocketAddress server, Duration timeout, Clock clock) {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
        return new DnsNameResolver(resolver, clock);
    }

    @Override
    public ResolvedAddress resolve(String hostName) throws IOException {
        Name name = absolute(hostName);
        long ttl = Long.MAX_VALUE;
        int hops = 0;
        while (true) {
            List<Record> answers = query(hostName, name);
            boolean followed = false;
            while (true) {
                Optional<ARecord> address = first(answers, name, ARecord.class);
                if (address.isPresent()) {
                    ttl = Math.min(ttl, address.get().getTTL());
                    return new ResolvedAddress(hostName, address.get().getAddress(), Duration.ofSeconds(ttl),
                            clock.instant());
                }
                Optional<CNAMERecord> alias = first(answers, name, CNAMERecord.class);
                if (alias.isEmpty()) {
                    break;
                }
                if (++hops > MAX_CNAME_HOPS) {
                    throw new UnknownHostException(hostName + ": CNAME chain longer than " + MAX_CNAME_HOPS);
                }
                ttl = Math.min(ttl, alias.get().getTTL());
                name = alias.get().getTarget();
                followed = true;
            }
            if (!followed) {
                throw new UnknownHostException(hostName + ": no A record for " + name);
            }
        }
    }

    private List<Record> query(String hostName, Name name) throws IOException {
        Message response = resolver.send(Message.newQuery(Record.newRecord(name, Type.A, DClass.IN)));
        if (response.getRcode() != Rcode.NOERROR) {
            throw new UnknownHostException(hostName + ": " + Rcode.string(response.getRcode()) + " for " + name);
        }
        return response.getSection(Section.ANSWER);
    }

    private static <T extends Record> Optional<T> first(List<Record> records, Name owner, Class<T> type) {
        return records.stream()
                .filter(type::isInstance)
                .filter(r -> r.getName().equals(owner))
                .map(type::cast)
                .findFirst();
    }

    private static Name absolute(String hostName) throws UnknownHostException {
        try {
            return Name.fromString(hostName, Name.root);
        } catch (TextParseException e) {
            throw new UnknownHostException("not a DNS name: " + hostName);
        }
    }
}
