package io.handoff.awsemu;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts an API's calls: all answered calls, those answered with an injected throttle or other injected
 * fault, and calls per operation. Thread-safe; a reader may see a call counted in one total and not yet
 * in another.
 */
public final class CallCounters {

    private final AtomicLong served = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong injectedFailures = new AtomicLong();
    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

    /** Records one answered call (whatever its outcome) of the named operation. */
    public void served(String operation) {
        served.incrementAndGet();
        byOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    /** Records an injected fault; {@code Throttling} faults count as throttled, others as failures. */
    public void injected(ApiError fault) {
        if (fault.code().equals("Throttling")) {
            throttled.incrementAndGet();
        } else {
            injectedFailures.incrementAndGet();
        }
    }

    public long served() {
        return served.get();
    }

    public long throttled() {
        return throttled.get();
    }

    public long injectedFailures() {
        return injectedFailures.get();
    }

    /** Calls per operation name, sorted by name. */
    public Map<String, Long> byOperation() {
        Map<String, Long> out = new TreeMap<>();
        byOperation.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Sets every count back to zero. */
    public void reset() {
        served.set(0);
        throttled.set(0);
        injectedFailures.set(0);
        byOperation.clear();
    }
}
