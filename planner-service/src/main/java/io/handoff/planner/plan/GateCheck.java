package io.handoff.planner.plan;

import io.handoff.common.event.LagSample;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Whether a step's gate lets it go now, or can never again. Pure. */
final class GateCheck {
    /** A lag sample older than this says nothing about now; a longer gap between two samples breaks a caught-up run. */
    static final Duration FRESH = Duration.ofSeconds(2);

    private GateCheck() {
    }

    /**
     * Empty when the gate is open; otherwise why the step waits. {@code caughtUpSince}: since when the
     * lag has stayed low without a break (see {@link PlanRun#caughtUpSince()}), or null.
     */
    static Optional<String> closedBecause(StepGate gate, Set<String> approvals, LagSample latest, Instant caughtUpSince,
            Instant now) {
        if (gate.approval() != null && !approvals.contains(gate.approval())) {
            return Optional.of("waiting for the operator's approval '" + gate.approval() + "'");
        }
        if (gate.window() != null && gate.window().notBefore() != null && now.isBefore(gate.window().notBefore())) {
            return Optional.of("the maintenance window opens at " + gate.window().notBefore());
        }
        if (gate.caughtUp() != null) {
            Optional<String> lag = lagClosedBecause(gate.caughtUp().maxLagMs(), latest, now);
            if (lag.isPresent()) {
                return lag;
            }
            Duration held = caughtUpSince == null ? Duration.ZERO : Duration.between(caughtUpSince, latest.sampledAt());
            if (held.compareTo(gate.caughtUp().holdFor()) < 0) {
                return Optional.of("lag at most " + gate.caughtUp().maxLagMs() + " ms for " + held.toMillis() + " ms of the "
                        + gate.caughtUp().holdFor().toMillis() + " ms required");
            }
        }
        return gate.lag() == null ? Optional.empty() : lagClosedBecause(gate.lag().maxLagMs(), latest, now);
    }

    /** Present when the step can no longer go: the window closed, or the gate's wait ran out. */
    static Optional<String> expiredBecause(StepGate gate, Instant waitingSince, Instant now) {
        if (gate.window() != null && gate.window().notAfter() != null && now.isAfter(gate.window().notAfter())) {
            return Optional.of("the maintenance window closed at " + gate.window().notAfter());
        }
        if (gate.lag() != null && waitingSince.plus(gate.lag().timeout()).isBefore(now)) {
            return Optional.of("gate not passed within " + gate.lag().timeout());
        }
        if (gate.caughtUp() != null && waitingSince.plus(gate.caughtUp().timeout()).isBefore(now)) {
            return Optional.of("the lag did not stay at most " + gate.caughtUp().maxLagMs() + " ms for "
                    + DurationText.format(gate.caughtUp().holdFor()) + " within " + DurationText.format(gate.caughtUp().timeout()));
        }
        return Optional.empty();
    }

    private static Optional<String> lagClosedBecause(long maxLagMs, LagSample latest, Instant now) {
        if (latest == null) {
            return Optional.of("no lag sample from the replication monitor yet");
        }
        if (latest.sampledAt().isBefore(now.minus(FRESH))) {
            return Optional.of("the latest lag sample is older than " + FRESH.toSeconds() + " s (taken " + latest.sampledAt() + ")");
        }
        if (latest.stale()) {
            return Optional.of("the monitor's heartbeat is stale: lag unknown, at least " + latest.lagMillis() + " ms"
                    + problem(latest));
        }
        if (latest.lagMillis() > maxLagMs) {
            return Optional.of("lag " + latest.lagMillis() + " ms is above " + maxLagMs + " ms" + problem(latest));
        }
        return Optional.empty();
    }

    /** What the target's replica status says is wrong, as a clause, or nothing. */
    private static String problem(LagSample latest) {
        return latest.replicationProblem() == null ? "" : "; " + latest.replicationProblem();
    }
}
