package io.handoff.rdsemu;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts API calls per action (whatever the outcome) and holds the queue of injected faults the next
 * calls receive instead of being served. Thread-safe.
 */
final class CallLog {

    private final Map<String, LongAdder> byAction = new ConcurrentHashMap<>();
    private final Deque<RdsError> faults = new ArrayDeque<>();

    void served(String action) {
        byAction.computeIfAbsent(action, k -> new LongAdder()).increment();
    }

    Map<String, Long> byAction() {
        Map<String, Long> out = new TreeMap<>();
        byAction.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    void reset() {
        byAction.clear();
    }

    synchronized void failNext(int n, RdsError error) {
        for (int i = 0; i < n; i++) {
            faults.addLast(error);
        }
    }

    /** The next queued fault, or null. */
    synchronized RdsError nextFault() {
        return faults.pollFirst();
    }

    synchronized void clearFaults() {
        faults.clear();
    }
}
