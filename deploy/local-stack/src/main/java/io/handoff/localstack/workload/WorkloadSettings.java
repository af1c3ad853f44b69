package io.handoff.localstack.workload;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Workload} reaches DNS and the databases, and how it backs off after an error.
 *
 * @param dnsServer      the DNS server every writer thread asks (UDP), e.g. the Route 53 emulator's
 * @param dnsTimeout     how long one DNS query may take
 * @param connectTimeout JDBC {@code connectTimeout}
 * @param socketTimeout  JDBC {@code socketTimeout}: bounds how long an insert to a stalled server blocks
 * @param initialBackoff the pause after a first error; doubled after each further error in a row
 * @param maxBackoff     the cap of that pause
 */
public record WorkloadSettings(InetSocketAddress dnsServer, Duration dnsTimeout, Duration connectTimeout,
        Duration socketTimeout, Duration initialBackoff, Duration maxBackoff) {

    public WorkloadSettings {
        Objects.requireNonNull(dnsServer, "dnsServer");
        requirePositive(dnsTimeout, "dnsTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(socketTimeout, "socketTimeout");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff is shorter than initialBackoff");
        }
    }

    /**
     * Short timeouts for loopback servers: DNS 500 ms, connect 1 s, socket 3 s; backoff from 10 ms up to
     * 200 ms, so that a flip's write-blocked window is measured to within a fifth of a second.
     */
    public static WorkloadSettings defaults(InetSocketAddress dnsServer) {
        return new WorkloadSettings(dnsServer, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofMillis(10), Duration.ofMillis(200));
    }

    /** How long {@link Workload#stop()} waits for a thread that is inside a connect or an insert. */
    Duration longestBlockingCall() {
        return connectTimeout.plus(socketTimeout).plus(dnsTimeout);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
