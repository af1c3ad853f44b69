package io.handoff.route53emu;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts API calls: all answered calls, injected throttles and failures, and calls per operation. */
final class CallCounters {

    private final AtomicLong served = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong injectedFailures = new AtomicLong();
    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

    /** Records one answered call (whatever its outcome) of the named operation. */
    void served(String operation) {
        served.incrementAndGet();
        byOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    /** Records an injected fault; {@code Throttling} faults count as throttled, others as failures. */
    void injected(Route53Error fault) {
        if (fault.code().equals("Throttling")) {
            throttled.incrementAndGet();
        } else {
            injectedFailures.incrementAndGet();
        }
    }

    long served() {
        return served.get();
    }

    long throttled() {
        return throttled.get();
    }

    long injectedFailures() {
        return injectedFailures.get();
    }

    /** Calls per operation name, sorted by name. */
    Map<String, Long> byOperation() {
        Map<String, Long> out = new TreeMap<>();
        byOperation.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    void reset() {
        served.set(0);
        throttled.set(0);
        injectedFailures.set(0);
        byOperation.clear();
    }
}
