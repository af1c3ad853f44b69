package io.handoff.route53emu;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;

/**
 * Queued faults for the API: each of the next API calls takes the oldest queued fault and answers with
 * its error instead of being served. Faults queue in the order they were added. Thread-safe.
 */
final class FaultInjector {

    /** HTTP statuses of well-known Route 53 error codes; other codes default to 400. */
    private static final Map<String, Integer> STATUS_BY_CODE = Map.of(
            "NoSuchHostedZone", 404,
            "NoSuchChange", 404,
            "HostedZoneAlreadyExists", 409,
            "InternalFailure", 500,
            "InternalError", 500,
            "ServiceUnavailable", 503);

    private final Deque<Route53Error> queue = new ArrayDeque<>();

    /** Queues {@code n} {@code Throttling} errors (HTTP 400, retryable by the SDK). */
    synchronized void throttleNextCalls(int n) {
        add(n, Route53Error.throttling());
    }

    /**
     * Queues {@code n} errors with the given code, with Route 53's HTTP status for that code (400 when
     * unknown) and a generic message.
     */
    synchronized void failNextCalls(int n, String code) {
        failNextCalls(n, code, STATUS_BY_CODE.getOrDefault(code, 400));
    }

    /** Queues {@code n} errors with the given code and HTTP status. */
    synchronized void failNextCalls(int n, String code, int httpStatus) {
        Objects.requireNonNull(code, "code");
        add(n, new Route53Error(code, httpStatus, "Injected fault: " + code));
    }

    /** Takes the next queued fault, or null if none is queued. */
    synchronized Route53Error next() {
        return queue.pollFirst();
    }

    /** Drops all queued faults. */
    synchronized void clear() {
        queue.clear();
    }

    /** Number of faults still queued. */
    synchronized int pending() {
        return queue.size();
    }

    private void add(int n, Route53Error error) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        for (int i = 0; i < n; i++) {
            queue.addLast(error);
        }
    }
}
