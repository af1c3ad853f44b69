package io.handoff.route53emu;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Fault injection: {@link #throttleNextCalls(int)} and {@link #failNextCalls(int, String)} queue errors
 * that the next API calls receive instead of being served (in queue order; DNS is not affected).
 *
 * <p>Thread-safe. {@link #close()} stops both servers and frees their ports.
 */
public final class Route53Emulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Route53Emulator.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ZoneStore store;
    private final FaultInjector faults = new FaultInjector();
    private final CallCounters counters = new CallCounters();
    private final HttpServer http;
    private final ExecutorService httpExecutor;
    private final DnsServer dns;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Route53Emulator(Route53EmulatorConfig config) throws IOException {
        int instance = INSTANCES.incrementAndGet();
        InetAddress host = InetAddress.getByName(config.host());
        this.store = new ZoneStore(Clock.systemUTC(), config.insyncDelay());
        Random random = config.weightedSeed() == null ? new Random() : new Random(config.weightedSeed());
        this.dns = new DnsServer(host, config.dnsPort(), new DnsAnswerer(store::snapshot, random));
        try {
            this.http = HttpServer.create(new InetSocketAddress(host, config.httpPort()), 0);
        } catch (IOException e) {
            dns.close();
            throw e;
        }
        String hostPart = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        this.endpoint = URI.create("http://" + hostPart + ":" + http.getAddress().getPort());
        AtomicInteger threads = new AtomicInteger();
        this.httpExecutor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "route53-emulator-" + instance + "-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.createContext("/", new ApiHttpHandler(new Route53Api(store, endpoint), faults, counters));
        http.setExecutor(httpExecutor);
        http.start();
        dns.start();
        LOG.info("route53-emulator: API on {}, DNS on udp/{}:{}", endpoint, host.getHostAddress(), dnsPort());
    }

    /**
     * Starts an emulator: binds both servers and begins serving.
     *
     * @throws UncheckedIOException if a port cannot be bound
     */
    public static Route53Emulator start(Route53EmulatorConfig config) {
        try {
            return new Route53Emulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Route 53 emulator", e);
        }
    }

    /** Starts an emulator with {@link Route53EmulatorConfig#defaults()}. */
    public static Route53Emulator start() {
        return start(Route53EmulatorConfig.defaults());
    }

    /** The API base URI, e.g. {@code http://127.0.0.1:43121}, for the SDK's {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The API's TCP port. */
    public int httpPort() {
        return endpoint.getPort();
    }

    /** The DNS server's UDP port. */
    public int dnsPort() {
        return dns.address().getPort();
    }

    /** The DNS server's UDP address. */
    public InetSocketAddress dnsAddress() {
        return dns.address();
    }

    // ---- fault injection ----

    /** The next {@code n} API calls answer {@code Throttling} (HTTP 400), which the SDK retries. */
    public void throttleNextCalls(int n) {
        faults.throttleNextCalls(n);
    }

    /**
     * The next {@code n} API calls answer the given Route 53 error code, with that code's usual HTTP status
     * (404 for {@code NoSuch*}, 409 for {@code HostedZoneAlreadyExists}, 500/503 for
     * {@code InternalFailure}/{@code ServiceUnavailable}, 400 otherwise).
     */
    public void failNextCalls(int n, String errorCode) {
        faults.failNextCalls(n, errorCode);
    }

    /** The next {@code n} API calls answer the given error code and HTTP status. */
    public void failNextCalls(int n, String errorCode, int httpStatus) {
        faults.failNextCalls(n, errorCode, httpStatus);
    }

    /** Drops all queued faults. */
    public void clearFaults() {
        faults.clear();
    }

    /** Changes submitted from now on report {@code INSYNC} once this delay has passed after submission. */
    public void setInsyncDelay(Duration delay) {
        store.setInsyncDelay(delay);
    }

    public Duration insyncDelay() {
        return store.insyncDelay();
    }

    // ---- counters ----

    /** API calls answered so far, whatever the outcome (served, failed, throttled). */
    public long callsServed() {
        return counters.served();
    }

    /** API calls answered with an injected {@code Throttling}. */
    public long throttledCalls() {
        return counters.throttled();
    }

    /** API calls answered with an injected fault other than {@code Throttling}. */
    public long failedCalls() {
        return counters.injectedFailures();
    }

    /** API calls per operation name (e.g. {@code ChangeResourceRecordSets}), whatever the outcome. */
    public Map<String, Long> callsByOperation() {
        return counters.byOperation();
    }

    /** Resets all counters to zero. */
    public void resetCounters() {
        counters.reset();
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

    /** Stops the API and DNS servers. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        httpExecutor.shutdownNow();
        dns.close();
        LOG.info("route53-emulator: stopped {}", endpoint);
    }
}
