package io.handoff.localstack.workload;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * A DNS answer as a client caches it: the address a name led to, valid for {@code ttl} from
 * {@code resolvedAt} (the smallest TTL along a CNAME chain).
 */
record ResolvedAddress(String name, InetAddress address, Duration ttl, Instant resolvedAt) {

    Instant expiresAt() {
        return resolvedAt.plus(ttl);
    }

    /** True from {@link #expiresAt()} on; a TTL of 0 is expired at once. */
    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt());
    }

    /** The address as text, e.g. {@code 127.0.0.2}: how reports name a server. */
    String server() {
        return address.getHostAddress();
    }
}
