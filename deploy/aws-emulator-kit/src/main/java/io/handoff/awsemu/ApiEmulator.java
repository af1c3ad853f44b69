package io.handoff.awsemu;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What tests control and read on every AWS API emulator, whatever its API: the endpoint, injected faults
 * (queued errors that the next API calls receive instead of being served, in queue order) and call
 * counters. Only API calls are faulted and counted; what else an emulator serves (DNS, application
 * endpoints) and its direct state access are not. Thread-safe.
 */
public abstract class ApiEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiEmulator.class);

    private final String name;
    private final ApiHttpFront front;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param name the emulator's name in log lines, e.g. {@code rds-emulator} */
    protected ApiEmulator(String name, ApiHttpFront front) {
        this.name = name;
        this.front = front;
    }

    /** The API base URI, e.g. {@code http://127.0.0.1:43121}, for the SDK's {@code endpointOverride}. */
    public URI endpoint() {
        return front.endpoint();
    }

    // ---- fault injection ----

    /** The next {@code n} API calls answer {@code Throttling} (HTTP 400), which the SDK retries. */
    public void throttleNextCalls(int n) {
        front.faults().add(n, EmulatorError.throttling());
    }

    /** The next {@code n} API calls answer this error code with this HTTP status instead of being served. */
    public void failNextCalls(int n, String errorCode, int httpStatus) {
        front.faults().add(n, EmulatorError.injected(errorCode, httpStatus));
    }

    /** Drops all queued faults. */
    public void clearFaults() {
        front.faults().clear();
    }

    // ---- counters ----

    /** API calls answered so far, whatever the outcome (served, failed, throttled). */
    public long callsServed() {
        return front.counters().served();
    }

    /** API calls answered with an injected {@code Throttling}. */
    public long throttledCalls() {
        return front.counters().throttled();
    }

    /** API calls answered with an injected fault other than {@code Throttling}. */
    public long failedCalls() {
        return front.counters().injectedFailures();
    }

    /**
     * API calls per operation name (e.g. {@code ChangeResourceRecordSets}, or RDS's {@code Action} such as
     * {@code ModifyDBCluster}), whatever the outcome, sorted by name.
     */
    public Map<String, Long> callsByOperation() {
        return front.counters().byOperation();
    }

    /** Resets all counters to zero. */
    public void resetCounters() {
        front.counters().reset();
    }

    /** Stops the API, then {@link #stopOtherServers() everything else} the emulator serves. Idempotent. */
    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        front.close();
        stopOtherServers();
        LOG.info("{}: stopped {}", name, endpoint());
    }

    /** Stops what the emulator serves besides the API and frees its ports. Called once, after the API stopped. */
    protected abstract void stopOtherServers();
}
