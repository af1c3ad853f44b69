package io.handoff.route53emu;

import io.handoff.awsemu.ApiEmulator;
import io.handoff.awsemu.ApiHttpFront;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Route 53: the REST/XML API subset that AWS SDK v2's {@code Route53Client} uses to manage hosted
 * zones and record sets, plus a UDP DNS server answering for the emulated zones.
 *
 * <p>Point an unchanged SDK client at {@link #endpoint()} with {@code endpointOverride}, region
 * {@code AWS_GLOBAL} and any static credentials (signatures are not checked). Emulated operations:
 * CreateHostedZone, GetHostedZone, DeleteHostedZone, ListHostedZones, ListHostedZonesByName,
 * ChangeResourceRecordSets, ListResourceRecordSets, GetChange. Other operations answer
 * {@code InvalidAction} (HTTP 400).
 *
 * <p>Consistency model: an accepted change batch is applied at once, atomically, to the records that
 * both the API lists and the DNS server answers from. {@code GetChange} reports {@code PENDING} until the
 * in-sync delay (configured when the change was submitted) has elapsed and {@code INSYNC} afterwards; the
 * status is informational only and never delays what DNS answers.
 *
 * <p>Fault injection and call counters are {@link ApiEmulator}'s: {@link #throttleNextCalls(int)} and
 * {@link #failNextCalls(int, String)} queue errors that the next API calls receive instead of being served
 * (in queue order; DNS is not affected), and {@link #callsByOperation()} counts calls per operation.
 *
 * <p>Thread-safe. {@link #close()} stops both servers and frees their ports.
 */
public final class Route53Emulator extends ApiEmulator {

    private static final Logger LOG = LoggerFactory.getLogger(Route53Emulator.class);
    private static final String NAME = "route53-emulator";

    private final ZoneStore store;
    private final DnsServer dns;

    private Route53Emulator(ApiHttpFront front, ZoneStore store, DnsServer dns) {
        super(NAME, front);
        this.store = store;
        this.dns = dns;
        front.serve(ResponseXmlWriter.NAMESPACE, new Route53Api(store, front.endpoint()));
        dns.start();
        LOG.info("route53-emulator: API on {}, DNS on udp/{}:{}", front.endpoint(), dns.address().getAddress().getHostAddress(),
                dnsPort());
    }

    /**
     * Starts an emulator: binds both servers and begins serving.
     *
     * @throws UncheckedIOException if a port cannot be bound
     */
    public static Route53Emulator start(Route53EmulatorConfig config) {
        try {
            InetAddress host = InetAddress.getByName(config.host());
            ZoneStore store = new ZoneStore(Clock.systemUTC(), config.insyncDelay());
            Random random = config.weightedSeed() == null ? new Random() : new Random(config.weightedSeed());
            DnsServer dns = new DnsServer(host, config.dnsPort(), new DnsAnswerer(store::snapshot, random));
            try {
                return new Route53Emulator(ApiHttpFront.bind(NAME, host, config.httpPort(), 4), store, dns);
            } catch (IOException e) {
                dns.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Route 53 emulator", e);
        }
    }

    /** Starts an emulator with {@link Route53EmulatorConfig#defaults()}. */
    public static Route53Emulator start() {
        return start(Route53EmulatorConfig.defaults());
    }

    /** The API's TCP port. */
    public int httpPort() {
        return endpoint().getPort();
    }

    /** The DNS server's UDP port. */
    public int dnsPort() {
        return dns.address().getPort();
    }

    /** The DNS server's UDP address. */
    public InetSocketAddress dnsAddress() {
        return dns.address();
    }

    // ---- fault injection (see ApiEmulator for the rest) ----

    /**
     * The next {@code n} API calls answer the given Route 53 error code, with that code's usual HTTP status
     * (404 for {@code NoSuch*}, 409 for {@code HostedZoneAlreadyExists}, 500/503 for
     * {@code InternalFailure}/{@code ServiceUnavailable}, 400 otherwise).
     */
    public void failNextCalls(int n, String errorCode) {
        failNextCalls(n, errorCode, Route53Error.statusOf(errorCode));
    }

    /** Changes submitted from now on report {@code INSYNC} once this delay has passed after submission. */
    public void setInsyncDelay(Duration delay) {
        store.setInsyncDelay(delay);
    }

    public Duration insyncDelay() {
        return store.insyncDelay();
    }

    // ---- direct state access (no HTTP, not counted, no faults) ----

    /** Creates a hosted zone (with its SOA and NS records) without going through the API. */
    public HostedZone createHostedZone(String name) {
        return store.createZone(name, "emulator-" + UUID.randomUUID(), null, false).zone();
    }

    /** All hosted zones in creation order. */
    public List<HostedZone> hostedZones() {
        return store.zones();
    }

    /**
     * The record sets of a zone in Route 53 order.
     *
     * @param zoneId bare id ({@code Z...}) or with its {@code /hostedzone/} prefix
     * @throws IllegalArgumentException if there is no such zone
     */
    public List<RecordSet> recordSets(String zoneId) {
        String id = zoneId.startsWith("/hostedzone/") ? zoneId.substring("/hostedzone/".length()) : zoneId;
        try {
            return store.recordSets(id);
        } catch (Route53Error e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Closes the DNS server. */
    @Override
    protected void stopOtherServers() {
        dns.close();
    }
}
