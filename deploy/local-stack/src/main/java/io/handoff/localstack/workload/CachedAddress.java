package io.handoff.localstack.workload;

import java.io.IOException;
import java.time.Clock;

/**
 * One writer thread's DNS cache for its database name, as a client library keeps one: the last answer is
 * used until its TTL expires, then the name is resolved again. Not thread-safe: owned by one writer thread.
 */
final class CachedAddress {
    private final String name;
    private final NameResolver resolver;
    private final Clock clock;
    private ResolvedAddress cached;

    CachedAddress(String name, NameResolver resolver, Clock clock) {
        this.name = name;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** The cached answer while its TTL runs, else a fresh one (which is then cached). */
    ResolvedAddress current() throws IOException {
        if (cached == null || cached.expiredAt(clock.instant())) {
            cached = null;
            cached = resolver.resolve(name);
        }
        return cached;
    }

    /** Forgets the answer: the next {@link #current()} resolves again (after an error). */
    void invalidate() {
        cached = null;
    }
}
