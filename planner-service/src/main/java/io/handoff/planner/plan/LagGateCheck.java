package io.handoff.planner.plan;

import io.handoff.common.event.LagSample;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Whether a lag gate is open for the latest sample. Pure. */
final class LagGateCheck {
    /** A sample older than this says nothing about now. */
    static final Duration FRESH = Duration.ofSeconds(2);

    private LagGateCheck() {
    }

    /** Empty when the gate is open; otherwise why it is closed. */
    static Optional<String> closedBecause(FlipPlan.LagGate gate, LagSample latest, Instant now) {
        if (latest == null) {
            return Optional.of("no lag sample from the replication monitor yet");
        }
        if (latest.sampledAt().isBefore(now.minus(FRESH))) {
            return Optional.of("the latest lag sample is older than " + FRESH.toSeconds() + " s (taken " + latest.sampledAt() + ")");
        }
        if (latest.stale()) {
            return Optional.of("the monitor's heartbeat is stale: lag unknown, at least " + latest.lagMillis() + " ms");
        }
        if (latest.lagMillis() > gate.maxLagMs()) {
            return Optional.of("lag " + latest.lagMillis() + " ms is above " + gate.maxLagMs() + " ms");
        }
        return Optional.empty();
    }
}
