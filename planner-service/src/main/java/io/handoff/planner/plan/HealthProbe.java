package io.handoff.planner.plan;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One request to an application's health check URL (CHECK_HEALTH). Asynchronous: {@link #probe} returns
 * at once and never blocks the orchestrator's thread; {@code done} is called exactly once, on any thread,
 * with the answer's status or why there was none.
 */
public interface HealthProbe {

    /** Requests {@code url} (GET) and calls {@code done} with the outcome, within about {@code timeout}. */
    void probe(URI url, Duration timeout, Consumer<Result> done);

    /** An answer's HTTP status, or the {@code error} that stood for one; {@code at}: when it came. */
    record Result(Integer status, String error, Instant at) {

        /** A 2xx answer. */
        public boolean passed() {
            return status != null && status >= 200 && status < 300;
        }

        /** For reasons and the plan view: {@code HTTP 503}, or the error. */
        public String describe() {
            return status != null ? "HTTP " + status : "no answer (" + error + ")";
        }
    }

    /**
     * The probes of one CHECK_HEALTH step: how many, whether one is out, the latest outcome. Not logged
     * (the step's outcome is); guarded by the plan run's monitor.
     */
    final class Watch {
        private int attempts;
        private boolean probing;
        private Instant lastStartedAt;
        private Result last;

        /** True when no probe is out and the previous one started at least {@code interval} ago. */
        boolean due(Instant now, Duration interval) {
            return !probing && (lastStartedAt == null || !lastStartedAt.plus(interval).isAfter(now));
        }

        void started(Instant at) {
            probing = true;
            attempts++;
            lastStartedAt = at;
        }

        void finished(Result result) {
            probing = false;
            last = result;
        }

        int attempts() {
            return attempts;
        }

        Result last() {
            return last;
        }
    }
}
