package io.handoff.awsemu;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An emulated API's HTTP server: binds a port, then serves every path with one {@link ApiService} through a
 * fixed pool of daemon threads named {@code <name>-<instance>-http-<n>}. Holds the API's injected faults
 * and call counters. {@link #close()} stops serving and frees the port.
 */
public final class ApiHttpFront implements AutoCloseable {

    private static final Map<String, AtomicInteger> INSTANCES = new ConcurrentHashMap<>();

    private final String name;
    private final int threads;
    private final HttpServer http;
    private final URI endpoint;
    private final FaultQueue faults = new FaultQueue();
    private final CallCounters counters = new CallCounters();
    private ExecutorService executor;

    private ApiHttpFront(String name, int threads, HttpServer http, URI endpoint) {
        this.name = name;
        this.threads = threads;
        this.http = http;
        this.endpoint = endpoint;
    }

    /**
     * Binds the API's port; {@link #serve} begins serving.
     *
     * @param name    the emulator's name, for thread names and log lines (e.g. {@code rds-emulator})
     * @param port    0 for a free port
     * @param threads how many calls are served at once
     * @throws IOException if the port cannot be bound
     */
    public static ApiHttpFront bind(String name, InetAddress host, int port, int threads) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        String hostPart = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
        URI endpoint = URI.create("http://" + hostPart + ":" + http.getAddress().getPort());
        return new ApiHttpFront(name, threads, http, endpoint);
    }

    /**
     * Begins serving {@code service}. Call once.
     *
     * @param namespace the API's XML namespace, in which error documents are written
     */
    public synchronized void serve(String namespace, ApiService service) {
        if (executor != null) {
            throw new IllegalStateException(name + " already serves " + endpoint);
        }
        int instance = INSTANCES.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + instance + "-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.createContext("/", new ApiHttpHandler(name, namespace, service, faults, counters));
        http.setExecutor(executor);
        http.start();
    }

    /** The API base URI, e.g. {@code http://127.0.0.1:43121}, for the SDK's {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The faults the next calls answer with instead of being served. */
    public FaultQueue faults() {
        return faults;
    }

    /** The API's call counters, which every answered call updates. */
    public CallCounters counters() {
        return counters;
    }

    /** Stops serving at once and frees the port; calls in flight are interrupted. */
    @Override
    public synchronized void close() {
        http.stop(0);
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
